using AgentFunctions.Core.Skills.Schemas;

namespace AgentFunctions.Core.Skills;

/// <summary>
/// A skill loaded from <c>skills/&lt;domain&gt;/&lt;skill&gt;/SKILL.md</c>: YAML frontmatter (Agentura's fields plus ours)
/// and a Markdown body that becomes the skill layer of the system prompt. See <c>docs/skills.md</c> for the format.
/// </summary>
public sealed record SkillDefinition
{
    /// <summary>The model used when a skill names neither <c>model</c> nor <c>tier</c>.</summary>
    public const string DefaultModel = "openai/gpt-4o-mini";

    /// <summary>Gets the skill id <c>domain/skill</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the <c>name:</c> field (equals the folder name).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the <c>domain:</c> field (equals the parent folder name).</summary>
    public required string Domain { get; init; }

    /// <summary>Gets the role: <c>manager</c>, <c>specialist</c> (default) or <c>field</c>.</summary>
    public required string Role { get; init; }

    /// <summary>Gets how the skill is started, free text such as <c>manual</c> (default), <c>api</c>, <c>always</c>, <c>routed</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>
    /// Gets the model id <c>provider/model</c> from <c>model:</c>, such as <c>openai/gpt-4o-mini</c>; <see cref="DefaultModel"/>
    /// when the field is absent — also when the skill names a <see cref="Tier"/> instead; calls of such a skill go to the model the router picks for the tier (<c>ModelChoice</c>), and this value is not used for them.
    /// </summary>
    public required string Model { get; init; }

    /// <summary>Gets the <c>tier:</c> asked for instead of a model, or null. A skill sets <c>model</c> or <c>tier</c>, never both.</summary>
    public SkillTier? Tier { get; init; }

    /// <summary>Gets the <c>cost_budget_per_execution</c> cap in USD (Agentura writes it as <c>"$0.05"</c>), or null for none.</summary>
    public decimal? CostBudgetPerExecutionUsd { get; init; }

    /// <summary>Gets the <c>timeout</c> of one execution, or null for the node's.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Gets the most tokens the model may produce (<c>max_output_tokens</c>, 1–200,000, default 1,024).</summary>
    public required int MaxOutputTokens { get; init; }

    /// <summary>Gets the sampling temperature 0–2, or null for the provider's default.</summary>
    public double? Temperature { get; init; }

    /// <summary>Gets <c>json</c> when the model must answer with one JSON object (parsed into the node output), else <c>text</c>.</summary>
    public required string OutputFormat { get; init; }

    /// <summary>Gets the <c>description:</c> field, or the first <c># heading</c> of the body.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the Markdown body (the skill's prompt layer), trimmed.</summary>
    public required string Body { get; init; }

    /// <summary>Gets the conventional sections of <see cref="Body"/> (Task, Context You'll Receive, Output Format, Guardrails).</summary>
    public required SkillSections Sections { get; init; }

    /// <summary>Gets the <c>routes_to</c> entries in file order (used by <c>manager</c> skills); empty when there are none.</summary>
    public IReadOnlyList<SkillRoute> RoutesTo { get; init; } = [];

    /// <summary>The default of <see cref="MaxToolCalls"/>.</summary>
    public const int DefaultMaxToolCalls = 8;

    /// <summary>The largest <c>max_tool_calls</c> a skill or node may set.</summary>
    public const int MaxToolCallsLimit = 100;

    /// <summary>Gets the default of <see cref="ToolTimeout"/> (60 s).</summary>
    public static TimeSpan DefaultToolTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets the <c>tools:</c> the skill's model may call, in file order (see <c>AgentToolNames</c>: a project tool such as
    /// <c>read_file</c>, <c>mcp:&lt;server&gt;</c> or <c>mcp:&lt;server&gt;/&lt;tool&gt;</c>); empty when there are none. A graph node's
    /// own <c>tools:</c> replaces the list.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>Gets <c>max_tool_calls</c>: the most tool calls one execution may make (1–100, default 8).</summary>
    public int MaxToolCalls { get; init; } = DefaultMaxToolCalls;

    /// <summary>Gets <c>tool_timeout</c>: the longest one tool call may run (default 60 s).</summary>
    public TimeSpan ToolTimeout { get; init; } = DefaultToolTimeout;

    /// <summary>Gets the <c>input_schema</c> the skill's input must satisfy, or null when it declares none.</summary>
    public JsonSchema? InputSchema { get; init; }

    /// <summary>Gets the <c>output_schema</c> a JSON answer must satisfy, or null when it declares none.</summary>
    public JsonSchema? OutputSchema { get; init; }

    /// <summary>
    /// Gets the first 12 hex digits of the SHA-256 of the whole SKILL.md (followed, when the schemas are files, by their
    /// contents), recorded on every execution.
    /// </summary>
    public required string Version { get; init; }

    /// <summary>Gets the full path of the SKILL.md file.</summary>
    public required string Path { get; init; }
}
