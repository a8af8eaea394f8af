namespace AgentFunctions.Core.Skills;

/// <summary>
/// A skill loaded from <c>skills/&lt;domain&gt;/&lt;skill&gt;/SKILL.md</c>: YAML frontmatter (Agentura's fields plus ours)
/// and a Markdown body that becomes the skill layer of the system prompt.
/// </summary>
/// <param name="Id">Skill id <c>domain/skill</c>.</param>
/// <param name="Name">The <c>name:</c> field (equals the folder name).</param>
/// <param name="Domain">The <c>domain:</c> field (equals the parent folder name).</param>
/// <param name="Role"><c>manager</c>, <c>specialist</c> (default) or <c>field</c>.</param>
/// <param name="Trigger">How the skill is started, free text such as <c>manual</c> (default), <c>api</c>, <c>routed</c>.</param>
/// <param name="Model">Default model id <c>provider/model</c>, such as <c>openai/gpt-4o-mini</c>.</param>
/// <param name="CostBudgetPerExecutionUsd">The <c>cost_budget_per_execution</c> cap in USD (Agentura writes it as <c>"$0.05"</c>), or null.</param>
/// <param name="Timeout">The <c>timeout</c> of one execution, or null for the node's.</param>
/// <param name="MaxOutputTokens">Most tokens the model may produce (default 1024).</param>
/// <param name="Temperature">Sampling temperature 0–2, or null for the provider's default.</param>
/// <param name="OutputFormat"><c>json</c> when the model must answer with one JSON object (parsed into the node output), else <c>text</c>.</param>
/// <param name="Description">The first <c># heading</c> of the body, or the <c>description:</c> field.</param>
/// <param name="Body">The Markdown body (the skill's prompt layer).</param>
/// <param name="Version">First 12 hex digits of the SHA-256 of the whole SKILL.md, recorded on every execution.</param>
/// <param name="Path">Full path of the SKILL.md file.</param>
public sealed record SkillDefinition(
    string Id,
    string Name,
    string Domain,
    string Role,
    string Trigger,
    string Model,
    decimal? CostBudgetPerExecutionUsd,
    TimeSpan? Timeout,
    int MaxOutputTokens,
    double? Temperature,
    string OutputFormat,
    string? Description,
    string Body,
    string Version,
    string Path);
