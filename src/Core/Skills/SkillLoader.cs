using System.Security.Cryptography;
using System.Text;

namespace AgentFunctions.Core.Skills;

/// <summary>
/// Parses one <c>SKILL.md</c>: a YAML frontmatter block between <c>---</c> lines, then the Markdown body.
/// Frontmatter fields follow Agentura (<c>name, role, domain, trigger, model, cost_budget_per_execution, timeout, routes_to</c>)
/// plus ours (<c>description, max_output_tokens, temperature, output, input_schema, output_schema, tools, tier</c>).
/// Unknown fields are warnings, so the seed's skills load as they are. Checks that need the rest of the skills folder
/// (fixtures, <c>routes_to</c> targets) are <see cref="SkillValidator"/>'s.
/// </summary>
public static class SkillLoader
{
    private const int DefaultMaxOutputTokens = 1024;
    private const int MinBodyLength = 50;

    private static readonly HashSet<string> s_knownFields = new(StringComparer.Ordinal)
    {
        "name", "role", "domain", "trigger", "model", "cost_budget_per_execution", "timeout", "routes_to",
        "description", "max_output_tokens", "temperature", "output", "input_schema", "output_schema", "tools", "tier",
        "max_tool_calls", "tool_timeout",
    };

    private static readonly string[] s_roles = ["manager", "specialist", "field"];
    private static readonly string[] s_outputs = ["json", "text"];
    private static readonly string[] s_tiers = ["gold", "silver", "bronze"];

    /// <summary>Parses a SKILL.md text.</summary>
    /// <param name="text">The file content.</param>
    /// <param name="path">The file path: its folder names are the expected name and domain, schema files are read relative to it, and issues name it.</param>
    /// <param name="issues">Receives errors and warnings, each with its line where known.</param>
    /// <returns>The skill, or null when an error prevents loading it.</returns>
    public static SkillDefinition? Parse(string text, string path, ICollection<SkillIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(issues);
        var (yaml, body, bodyLine) = MarkdownFrontmatter.Split(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (yaml is null)
        {
            issues.Add(new SkillIssue(SkillIssueCodes.FrontmatterSyntax, path, 1, "SKILL.md must start with a YAML frontmatter block between '---' lines.", IsError: true));
            return null;
        }

        if (!MarkdownFrontmatter.TryParse(yaml, out var map, out var syntax))
        {
            issues.Add(new SkillIssue(SkillIssueCodes.FrontmatterSyntax, path, syntax.Line, syntax.Message, IsError: true));
            return null;
        }

        var errorsBefore = issues.Count(i => i.IsError);
        var skill = Read(new FrontmatterReader(map, path, lineOffset: 1, issues), text, body.Trim(), bodyLine);
        return issues.Count(i => i.IsError) > errorsBefore ? null : skill;
    }

    private static SkillDefinition Read(FrontmatterReader reader, string text, string body, int bodyLine)
    {
        var path = reader.Path;
        reader.WarnUnknownFields(s_knownFields);
        var folderName = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path)) ?? string.Empty;
        var domainFolder = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(path))) ?? string.Empty;
        var name = reader.String("name") ?? folderName;
        var domain = reader.String("domain") ?? domainFolder;
        if (!string.Equals(name, folderName, StringComparison.Ordinal))
        {
            reader.Error("name", $"name '{name}' must equal the skill folder name '{folderName}'.", SkillIssueCodes.NameMismatch);
        }

        if (!string.Equals(domain, domainFolder, StringComparison.Ordinal))
        {
            reader.Error("domain", $"domain '{domain}' must equal the domain folder name '{domainFolder}'.", SkillIssueCodes.NameMismatch);
        }

        var role = reader.OneOf("role", s_roles) ?? "specialist";
        var output = reader.OneOf("output", s_outputs) ?? "text";
        var model = reader.String("model");
        if (model is not null && (model.Split('/') is not [{ Length: > 0 }, { Length: > 0 }, ..] || model.Any(char.IsWhiteSpace)))
        {
            reader.Error("model", $"'{model}' must be a model id provider/model, such as openai/gpt-4o-mini.");
        }

        var tier = reader.OneOf("tier", s_tiers) is { } t ? Enum.Parse<SkillTier>(t, ignoreCase: true) : (SkillTier?)null;
        if (model is not null && tier is not null)
        {
            reader.Error("tier", "set either model or tier, not both.");
        }

        var routes = reader.Routes("routes_to");
        if (routes.Count > 0 && role != "manager")
        {
            reader.Warning("routes_to", $"only manager skills route; this skill's role is {role}.", SkillIssueCodes.RouteNotUsable);
        }

        var schemaFiles = new List<string>();
        var skill = new SkillDefinition
        {
            Id = $"{domain}/{name}",
            Name = name,
            Domain = domain,
            Role = role,
            Trigger = reader.String("trigger") ?? "manual",
            Model = model ?? SkillDefinition.DefaultModel,
            Tier = tier,
            CostBudgetPerExecutionUsd = reader.Usd("cost_budget_per_execution"),
            Timeout = reader.Duration("timeout"),
            MaxOutputTokens = reader.Int("max_output_tokens", 1, 200_000) ?? DefaultMaxOutputTokens,
            Temperature = reader.Double("temperature", 0, 2),
            OutputFormat = output,
            Sections = SkillSections.Extract(body),
            Body = body,
            RoutesTo = routes,
            Tools = ReadTools(reader),
            MaxToolCalls = reader.Int("max_tool_calls", 1, SkillDefinition.MaxToolCallsLimit) ?? SkillDefinition.DefaultMaxToolCalls,
            ToolTimeout = reader.Duration("tool_timeout") ?? SkillDefinition.DefaultToolTimeout,
            InputSchema = SkillSchemaReader.Read(reader, "input_schema", schemaFiles),
            OutputSchema = SkillSchemaReader.Read(reader, "output_schema", schemaFiles),
            Version = string.Empty,
            Path = path,
        };
        WarnAboutBody(reader, skill, bodyLine);
        return skill with
        {
            Description = reader.String("description") ?? skill.Sections.Title,
            Version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(schemaFiles.Prepend(text)))))[..12],
        };
    }

    private static void WarnAboutBody(FrontmatterReader reader, SkillDefinition skill, int bodyLine)
    {
        void Warn(string code, int? line, string message) => reader.Issues.Add(new SkillIssue(code, reader.Path, line, message, IsError: false));
        if (skill.Body.Length < MinBodyLength)
        {
            Warn(SkillIssueCodes.ShortPrompt, bodyLine, $"The prompt body is very short ({skill.Body.Length} characters, under {MinBodyLength}); models do better with a task, inputs and output format.");
        }

        if (skill.Sections.Task is null)
        {
            Warn(SkillIssueCodes.MissingSection, bodyLine, "The body has no '## Task' section saying what the skill does.");
        }

        if (skill.Sections.OutputFormat is null)
        {
            Warn(SkillIssueCodes.MissingSection, bodyLine, "The body has no '## Output Format' section showing the answer's shape.");
        }

        if (skill.OutputFormat == "json" && skill.OutputSchema is null && reader.Node("output_schema") is null)
        {
            reader.Warning("output", "output: json without an output_schema: answers are only checked to be JSON objects.", SkillIssueCodes.JsonWithoutSchema);
        }

        if (skill.OutputFormat == "text" && reader.Node("output_schema") is not null)
        {
            reader.Warning("output_schema", "is only checked when output: json; this skill answers in text.", SkillIssueCodes.OutputSchemaUnused);
        }
    }

    private static IReadOnlyList<string> ReadTools(FrontmatterReader reader)
    {
        var tools = reader.StringList("tools");
        foreach (var tool in tools)
        {
            if (!Tools.Agent.AgentToolNames.TryParse(tool, out _, out _, out var error))
            {
                reader.Error("tools", error!);
            }
        }

        return tools;
    }
}
