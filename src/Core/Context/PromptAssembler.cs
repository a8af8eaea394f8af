using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Context;

/// <summary>
/// Builds the prompt of one skill execution. System prompt layers, joined by <c>\n\n---\n\n</c> as in Agentura:
/// <c>WORKSPACE.md</c> → <c>DOMAIN.md</c> → learned rules → the skill body. The user message holds the input as JSON, then each
/// upstream output, then repository files, each under a Markdown heading. JSON is written compactly for the model (no
/// indentation, quotes and non-ASCII characters unescaped: <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> — safe here,
/// the text goes to a model, never into HTML); an upstream array (a <c>for_each</c> fan-in) is written one element per line, so
/// that <see cref="ContextBudgeter"/> can trim its elements one by one. Over-budget files are dropped and over-budget upstream
/// items trimmed by <see cref="ContextBudgeter"/>, and listed in the manifest. Repository files (and the input, when the domain marks
/// some of it untrusted) are spotlighted as untrusted data (<see cref="Safety.Injection.Spotlight"/>), with the <c>untrusted_data</c>
/// system layer saying what the fences mean.
/// </summary>
public static class PromptAssembler
{
    /// <summary>Default prompt budget in tokens when a node sets no <c>context.max_tokens</c>.</summary>
    public const int DefaultBudgetTokens = 8_000;

    private const string LayerSeparator = "\n\n---\n\n";
    // The JSON written into prompts: compact, quotes and non-ASCII text as they are.
    private static readonly JsonSerializerOptions s_compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The JSON of the recorded-response key: indented with the default (escaping) encoder, exactly as prompts were written
    // before they became compact, so the keys of existing recordings stay valid.
    private static readonly JsonSerializerOptions s_keyJson = new() { WriteIndented = true };

    /// <summary>Assembles the prompt.</summary>
    /// <param name="skill">The skill.</param>
    /// <param name="catalog">The catalog (for the workspace and domain layers).</param>
    /// <param name="input">The node's input object.</param>
    /// <param name="upstream">Outputs of the nodes this node needs, by node id, in <c>needs</c> order.</param>
    /// <param name="files">Repository files (path, content, pattern index) in priority order.</param>
    /// <param name="budgetTokens">The prompt budget in tokens.</param>
    /// <param name="rules">The learned-rules layer, or null when the skill has none.</param>
    /// <param name="modelId">The model the prompt is for, whose encoding counts the tokens (<see cref="TokenCounter.EncodingFor"/>), or null when not known yet (<c>o200k_base</c>).</param>
    /// <param name="untrustedInput">True when the domain marks some of the input untrusted: the input section is spotlighted too.</param>
    /// <returns>The prompt and its manifest.</returns>
    /// <exception cref="ContextBudgetExceededException">The system layers and input alone exceed the budget.</exception>
    public static AssembledPrompt Assemble(
        SkillDefinition skill,
        SkillCatalog catalog,
        JsonObject input,
        IReadOnlyList<KeyValuePair<string, JsonNode?>> upstream,
        IReadOnlyList<(string Path, string Content, int PatternIndex)> files,
        int budgetTokens = DefaultBudgetTokens,
        LearnedRulesSection? rules = null,
        string? modelId = null,
        bool untrustedInput = false)
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
        if (files.Count > 0 || untrustedInput)
        {
            sections.Add(new ContextSection("untrusted_data", ContextSectionKind.System, Safety.Injection.Spotlight.SystemInstruction, int.MaxValue));
        }

        var inputJson = input.ToJsonString(s_compact);
        sections.Add(new ContextSection("input", ContextSectionKind.Input,
            untrustedInput ? $"## Input\n\n{Safety.Injection.Spotlight.Fence("input", $"```json\n{inputJson}\n```")}" : Fenced("## Input", inputJson), int.MaxValue)
        {
            KeyContent = Fenced("## Input", input.ToJsonString(s_keyJson)),
        });
        foreach (var (nodeId, output) in upstream)
        {
            sections.Add(UpstreamSection(nodeId, output));
        }

        foreach (var (path, content, patternIndex) in files)
        {
            // Spotlighted as untrusted data; the recordings key keeps the plain form, as the fence's id is random.
            sections.Add(new ContextSection($"file:{path}", ContextSectionKind.File, $"## File `{path}`\n\n{Safety.Injection.Spotlight.Fence($"file:{path}", $"```\n{content}\n```")}", 500 - patternIndex)
            {
                KeyContent = $"## File `{path}`\n\n```\n{content}\n```",
            });
        }

        var (kept, manifest) = ContextBudgeter.Fit(sections, budgetTokens, modelId);
        var system = string.Join(LayerSeparator, kept.Where(s => s.Kind == ContextSectionKind.System).Select(s => s.Content));
        var user = string.Join("\n\n", kept.Where(s => s.Kind != ContextSectionKind.System).Select(s => s.Content));
        // Recorded responses are looked up by skill, the user message as keyed (its JSON indented, as prompts were written
        // before they became compact; trimmed sections as sent) and the learned rules in the prompt (by id), so a recording
        // can show what a rule changes; prompts without rules keep the plain key.
        var keyed = string.Join("\n\n", kept.Where(s => s.Kind != ContextSectionKind.System).Select(s => s.KeyContent ?? s.Content));
        var key = rules is { Manifest.Injected.Count: > 0 } ? InputKey(skill.Id, keyed + "\n#rules:" + string.Join(',', rules.Manifest.Injected)) : InputKey(skill.Id, keyed);
        return new AssembledPrompt(system, user, manifest with { Rules = rules?.Manifest }, key);
    }

    /// <summary>
    /// Computes the key that identifies a skill execution's input for recorded responses: SHA-256 of the skill id and the user
    /// message as keyed. For an assembled prompt that is the user message with its input and upstream JSON indented (the
    /// format prompts had when the recordings were made), not the compact text sent, so the prompt's JSON formatting can
    /// change without invalidating recordings.
    /// </summary>
    /// <param name="skillId">The skill id.</param>
    /// <param name="userMessage">The user message (as keyed).</param>
    /// <returns>Lowercase hex SHA-256.</returns>
    public static string InputKey(string skillId, string userMessage) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(skillId + "\n" + userMessage)));

    private static string Fenced(string heading, string json) => $"{heading}\n\n```json\n{json}\n```";

    // An upstream output: one item, or for an array one item per element (one per line), so the budgeter can trim them one by one.
    private static ContextSection UpstreamSection(string nodeId, JsonNode? output)
    {
        var heading = $"## Output of upstream node `{nodeId}`";
        var keyContent = Fenced(heading, output?.ToJsonString(s_keyJson) ?? "null");
        var items = output is JsonArray { Count: > 0 } array
            ? new ContextItems($"{heading}\n\n```json\n[\n", [.. array.Select(e => e?.ToJsonString(s_compact) ?? "null")], ",\n", "\n]\n```")
            : new ContextItems($"{heading}\n\n```json\n", [output?.ToJsonString(s_compact) ?? "null"], string.Empty, "\n```");
        return new ContextSection($"upstream:{nodeId}", ContextSectionKind.Upstream, items.Render(), 1_000) { Items = items, KeyContent = keyContent };
    }
}
