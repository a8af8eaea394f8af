using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Skills;
using ModelContextProtocol.Protocol;

namespace AgentFunctions.Functions.Mcp;

/// <summary>
/// The skills catalog as MCP tools (the one place that maps one to the other): each skill of a domain becomes a tool named
/// after the skill (<c>hr/resume-screen</c> → <c>resume-screen</c>; characters outside MCP's <c>[A-Za-z0-9_.-]</c> become
/// <c>_</c>, at most 128), described by its <c>description</c> (and its <c>## Task</c> section when it has one), whose
/// <c>inputSchema</c> is the skill's <c>input_schema</c> (<c>{"type":"object"}</c> when it declares none; a schema without
/// <c>type</c> gets <c>"type":"object"</c>) and whose <c>outputSchema</c> is its <c>output_schema</c> when the skill answers JSON.
/// The tool's <c>_meta</c> carries the skill id, version, model or tier, and per-execution cost cap (USD).
/// Tool names follow the MCP specification (2025-11-25, "Tool names").
/// </summary>
/// <param name="skills">The skills catalog.</param>
public sealed class SkillTools(SkillCatalog skills)
{
    /// <summary>The prefix of this app's keys in MCP <c>_meta</c> objects (MCP reserves unprefixed keys).</summary>
    public const string MetaPrefix = "agentfunctions.dev/";

    private const int MaxNameLength = 128;

    /// <summary>Tells whether a domain exists (it has skills or a DOMAIN.md).</summary>
    /// <param name="domain">The domain name.</param>
    /// <returns>True when the catalog knows the domain.</returns>
    public bool HasDomain(string domain) => skills.FindDomain(domain) is not null || skills.All.Any(s => s.Domain == domain);

    /// <summary>Lists the tools of a domain: one per skill, ordered by skill id.</summary>
    /// <param name="domain">The domain name.</param>
    /// <returns>The tools; empty for a domain without skills.</returns>
    public IList<Tool> List(string domain) => [.. SkillsOf(domain).Select(ToTool)];

    /// <summary>Finds the skill a tool name stands for, within a domain.</summary>
    /// <param name="domain">The domain name.</param>
    /// <param name="toolName">The tool name, as listed.</param>
    /// <returns>The skill, or null when the domain has no tool of that name.</returns>
    public SkillDefinition? Find(string domain, string toolName) => SkillsOf(domain).FirstOrDefault(s => NameOf(s) == toolName);

    /// <summary>Gets the tool name of a skill: its name, with characters MCP does not allow replaced by <c>_</c>, at most 128.</summary>
    /// <param name="skill">The skill.</param>
    /// <returns>The tool name.</returns>
    public static string NameOf(SkillDefinition skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        var name = new StringBuilder(skill.Name.Length);
        foreach (var c in skill.Name.Take(MaxNameLength))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
        }

        return name.ToString();
    }

    /// <summary>Maps one skill to its tool.</summary>
    /// <param name="skill">The skill.</param>
    /// <returns>The tool.</returns>
    public static Tool ToTool(SkillDefinition skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        var meta = new JsonObject
        {
            [MetaPrefix + "skill"] = skill.Id,
            [MetaPrefix + "version"] = skill.Version,
            [MetaPrefix + "model"] = skill.Tier is { } tier ? $"tier:{tier.ToString().ToLowerInvariant()}" : skill.Model,
            [MetaPrefix + "costBudgetPerExecutionUsd"] = skill.CostBudgetPerExecutionUsd,
        };
        return new Tool
        {
            Name = NameOf(skill),
            Title = skill.Id,
            Description = Description(skill),
            InputSchema = InputSchema(skill),
            OutputSchema = skill.OutputFormat == "json" && skill.OutputSchema?.Node is JsonObject output ? JsonSerializer.SerializeToElement(output) : null,
            Meta = meta,
        };
    }

    private IEnumerable<SkillDefinition> SkillsOf(string domain) => skills.All.Where(s => s.Domain == domain);

    private static string Description(SkillDefinition skill)
    {
        var description = skill.Description ?? skill.Id;
        return skill.Sections.Task is { Length: > 0 } task && task != description ? $"{description}\n\n{task}" : description;
    }

    private static JsonElement InputSchema(SkillDefinition skill)
    {
        // A skill's input is always a JSON object, so its tool's schema is an object schema (MCP requires "type": "object").
        if (skill.InputSchema?.Node is not JsonObject declared)
        {
            return JsonSerializer.SerializeToElement(new JsonObject { ["type"] = "object" });
        }

        var schema = declared.DeepClone().AsObject();
        if (!schema.ContainsKey("type"))
        {
            schema.Insert(0, "type", "object");
        }

        return schema["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "object"
            ? JsonSerializer.SerializeToElement(schema)
            : JsonSerializer.SerializeToElement(new JsonObject { ["type"] = "object" }); // the run's input_schema check still reports the mismatch
    }
}
