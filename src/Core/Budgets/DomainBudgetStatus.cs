namespace AgentFunctions.Core.Budgets;

/// <summary>How much of a budget period is used. Thresholds follow AgentFlow's budget manager: warning at 75 %, critical at 90 %.</summary>
public enum BudgetHealth
{
    /// <summary>Under 75 % used, or no limit.</summary>
    Healthy,

    /// <summary>At least 75 % used.</summary>
    Warning,

    /// <summary>At least 90 % used.</summary>
    Critical,

    /// <summary>Nothing left: spent plus reserved reaches the limit.</summary>
    Exceeded,
}

/// <summary>One budget period of a domain.</summary>
/// <param name="Period"><c>day</c> or <c>month</c>.</param>
/// <param name="Key">The period: <c>2026-11-21</c> or <c>2026-11</c> (UTC).</param>
/// <param name="LimitUsd">The limit in USD, or null for none.</param>
/// <param name="SpentUsd">Settled spend in the period, USD.</param>
/// <param name="ReservedUsd">Reserved for model calls in flight, USD.</param>
/// <param name="Health">Status by (spent + reserved) / limit.</param>
public sealed record BudgetPeriodStatus(string Period, string Key, decimal? LimitUsd, decimal SpentUsd, decimal ReservedUsd, BudgetHealth Health)
{
    /// <summary>Gets (spent + reserved) / limit, or null without a limit.</summary>
    public decimal? Utilization => LimitUsd is > 0 ? (SpentUsd + ReservedUsd) / LimitUsd : null;

    /// <summary>Classifies a use of a limit.</summary>
    /// <param name="usedUsd">Spent plus reserved, USD.</param>
    /// <param name="limitUsd">The limit, or null.</param>
    /// <returns>The health.</returns>
    public static BudgetHealth Classify(decimal usedUsd, decimal? limitUsd) => limitUsd switch
    {
        null => BudgetHealth.Healthy,
        var l when usedUsd >= l => BudgetHealth.Exceeded,
        var l when usedUsd >= l * 0.90m => BudgetHealth.Critical,
        var l when usedUsd >= l * 0.75m => BudgetHealth.Warning,
        _ => BudgetHealth.Healthy,
    };
}

/// <summary>A domain's budget now.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Day">Today (UTC).</param>
/// <param name="Month">This month (UTC).</param>
/// <param name="Reservations">Live reservations (model calls in flight).</param>
public sealed record DomainBudgetStatus(string Domain, BudgetPeriodStatus Day, BudgetPeriodStatus Month, int Reservations)
{
    /// <summary>Gets the worse of the two periods' health.</summary>
    public BudgetHealth Health => (BudgetHealth)Math.Max((int)Day.Health, (int)Month.Health);
}
