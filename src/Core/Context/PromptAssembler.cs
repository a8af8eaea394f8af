using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Context;

/// <summary>
/// Builds the prompt of one skill execution. System prompt layers, joined by <c>\n\n---\n\n</c> as in Agentura:
/// <c>WORKSPACE.md</c> → <c>DOMAIN.md</c> → learned rules → the skill body. The user message holds the input as JSON, then each
/// upstream output, then repository files, each under a Markdown heading; over-budget sections are dropped by
/// <see cref="ContextBudgeter"/> and listed in the manifest.
/// </summary>
public static class PromptAssembler
{
    /// <summary>Default prompt budget in estimated tokens when a node sets no <c>context.max_tokens</c>.</summary>
    public const int DefaultBudgetTokens = 8_000;

    private const string LayerSeparator = "\n\n---\n\n";
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>Assembles the prompt.</summary>
    /// <param name="skill">The skill.</param>
    /// <param name="catalog">The catalog (for the workspace and domain layers).</param>
    /// <param name="input">The node's input object.</param>
    /// <param name="upstream">Outputs of the nodes this node needs, by node id, in <c>needs</c> order.</param>
    /// <param name="files">Repository files (path, content, pattern index) in priority order.</param>
    /// <param name="budgetTokens">The prompt budget in estimated tokens.</param>
    /// <param name="rules">The learned-rules layer, or null when the skill has none.</param>
    /// <returns>The prompt and its manifest.</returns>
    /// <exception cref="ContextBudgetExceededException">The system layers and input alone exceed the budget.</exception>
    public static AssembledPrompt Assemble(
        SkillDefinition skill,
        SkillCatalog catalog,
        JsonObject input,
        IReadOnlyList<KeyValuePair<string, JsonNode?>> upstream,
        IReadOnlyList<(string Path, string Content, int PatternIndex)> files,
        int budgetTokens = DefaultBudgetTokens,
        LearnedRulesSection? rules = null)
    {
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(files);
        var sections = new List<ContextSection>();
        if (catalog.WorkspaceLayer is { Length: > 0 } workspace)
        {
            sections.Add(new ContextSection("workspace", ContextSectionKind.System, workspace, int.MaxValue));
        }

        if (catalog.DomainLayer(skill.Domain) is { Length: > 0 } domain)
        {
            sections.Add(new ContextSection("domain", ContextSectionKind.System, domain, int.MaxValue));
        }

        if (rules is { Text.Length: > 0 })
        {
            sections.Add(new ContextSection("learned_rules", ContextSectionKind.System, rules.Text, int.MaxValue));
        }

        sections.Add(new ContextSection("skill", ContextSectionKind.System, skill.Body, int.MaxValue));
        sections.Add(new ContextSection("input", ContextSectionKind.Input, $"## Input\n\n```json\n{input.ToJsonString(s_indented)}\n```", int.MaxValue));
        foreach (var (nodeId, output) in upstream)
        {
            var json = output?.ToJsonString(s_indented) ?? "null";
            sections.Add(new ContextSection($"upstream:{nodeId}", ContextSectionKind.Upstream, $"## Output of upstream node `{nodeId}`\n\n```json\n{json}\n```", 1_000));
        }

        foreach (var (path, content, patternIndex) in files)
        {
            sections.Add(new ContextSection($"file:{path}", ContextSectionKind.File, $"## File `{path}`\n\n```\n{content}\n```", 500 - patternIndex));
        }

        var (kept, manifest) = ContextBudgeter.Fit(sections, budgetTokens);
        var system = string.Join(LayerSeparator, kept.Where(s => s.Kind == ContextSectionKind.System).Select(s => s.Content));
        var user = string.Join("\n\n", kept.Where(s => s.Kind != ContextSectionKind.System).Select(s => s.Content));
        // Recorded responses are looked up by skill, user message and the learned rules in the prompt (by id), so a
        // recording can show what a rule changes; prompts without rules keep the plain key.
        var key = rules is { Manifest.Injected.Count: > 0 } ? InputKey(skill.Id, user + "\n#rules:" + string.Join(',', rules.Manifest.Injected)) : InputKey(skill.Id, user);
        return new AssembledPrompt(system, user, manifest with { Rules = rules?.Manifest }, key);
    }

    /// <summary>Computes the key that identifies a skill execution's input for recorded responses: SHA-256 of the skill id and the user message.</summary>
    /// <param name="skillId">The skill id.</param>
    /// <param name="userMessage">The user message.</param>
    /// <returns>Lowercase hex SHA-256.</returns>
    public static string InputKey(string skillId, string userMessage) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(skillId + "\n" + userMessage)));
}
