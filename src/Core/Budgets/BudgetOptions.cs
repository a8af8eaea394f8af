namespace AgentFunctions.Core.Budgets;

/// <summary>Domain budgets and where they are kept. Bound from <c>Budgets</c>; limits may also come from DOMAIN.md.</summary>
public sealed class BudgetOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Budgets";

    /// <summary>Gets or sets the table holding domain spend, one partition per domain.</summary>
    public string Table { get; set; } = "Budgets";

    /// <summary>Gets or sets how long an unsettled reservation counts against a domain after it was made (covers crashed work).</summary>
    public TimeSpan ReservationLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Gets limits by domain name; these override limits in the domain's DOMAIN.md.</summary>
    public Dictionary<string, DomainLimits> Domains { get; } = new(StringComparer.Ordinal);
}

/// <summary>Spending limits of one domain, in USD per UTC calendar period.</summary>
public sealed class DomainLimits
{
    /// <summary>Gets or sets the most the domain may spend per UTC day, in USD; null for no daily limit.</summary>
    public decimal? DailyUsd { get; set; }

    /// <summary>Gets or sets the most the domain may spend per UTC calendar month, in USD; null for no monthly limit.</summary>
    public decimal? MonthlyUsd { get; set; }
}
