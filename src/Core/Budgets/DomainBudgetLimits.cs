using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Budgets;

/// <summary>
/// The spending limits of each domain: from configuration (<c>Budgets:Domains:&lt;domain&gt;:DailyUsd/MonthlyUsd</c>), falling
/// back to the limits declared in the domain's <c>DOMAIN.md</c> frontmatter when a source for those is given.
/// </summary>
public sealed class DomainBudgetLimits(IOptions<BudgetOptions> options, Func<string, DomainLimits?>? declared = null)
{
    /// <summary>Gets the limits of a domain.</summary>
    /// <param name="domain">The domain.</param>
    /// <returns>Its limits (both null when it has none).</returns>
    public DomainLimits For(string domain)
    {
        var configured = options.Value.Domains.GetValueOrDefault(domain);
        var fromFile = declared?.Invoke(domain);
        return new DomainLimits
        {
            DailyUsd = configured?.DailyUsd ?? fromFile?.DailyUsd,
            MonthlyUsd = configured?.MonthlyUsd ?? fromFile?.MonthlyUsd,
        };
    }
}
