using AgentFunctions.Core.Safety;

namespace AgentFunctions.Core.Skills;

/// <summary>
/// A domain: a folder <c>skills/&lt;domain&gt;/</c> with skills and/or a <c>DOMAIN.md</c>. <c>DOMAIN.md</c> may start with a
/// YAML frontmatter block (<c>name</c>, <c>description</c>, <c>owner</c>, <c>budget: { daily_usd, monthly_usd }</c>, <c>mcp_servers:</c>, see
/// <see cref="McpServerDefinition"/>; <c>security: { pii, pii_name_fields, prompt_injection }</c>, see <see cref="DomainSecurityPolicy"/>;
/// <c>limits: { max_concurrent_runs }</c>);
/// the rest of the file is the domain's prompt layer.
/// </summary>
/// <param name="Name">The domain name (the folder name).</param>
/// <param name="Description">The <c>description:</c> field, or null.</param>
/// <param name="Owner">The <c>owner:</c> field (a team or person), or null.</param>
/// <param name="DailyBudgetUsd">The <c>budget.daily_usd</c> cap in USD on the domain's model spending per UTC day, or null for none.</param>
/// <param name="MonthlyBudgetUsd">The <c>budget.monthly_usd</c> cap in USD per calendar month (UTC), or null for none.</param>
/// <param name="PromptLayer">The Markdown of <c>DOMAIN.md</c> after the frontmatter, trimmed; null when there is no DOMAIN.md or it is empty.</param>
/// <param name="Path">Full path of <c>DOMAIN.md</c>, or null when the domain has none.</param>
public sealed record DomainDefinition(
    string Name,
    string? Description,
    string? Owner,
    decimal? DailyBudgetUsd,
    decimal? MonthlyBudgetUsd,
    string? PromptLayer,
    string? Path)
{
    /// <summary>Gets the domain's MCP servers (<c>mcp_servers:</c>), by name; empty when it has none.</summary>
    public IReadOnlyDictionary<string, McpServerDefinition> McpServers { get; init; } = new Dictionary<string, McpServerDefinition>(StringComparer.Ordinal);

    /// <summary>Gets the domain's trust-boundary policy (<c>security:</c>); <see cref="DomainSecurityPolicy.Default"/> when it sets none.</summary>
    public DomainSecurityPolicy Security { get; init; } = DomainSecurityPolicy.Default;

    /// <summary>Gets the most runs with a skill of this domain that may be pending or running at once (<c>limits.max_concurrent_runs</c>), or null for no cap.</summary>
    public int? MaxConcurrentRuns { get; init; }
}
