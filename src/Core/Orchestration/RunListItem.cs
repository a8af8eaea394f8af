namespace AgentFunctions.Core.Orchestration;

/// <summary>One row of <c>GET /api/runs</c> and of the run-list stream.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Graph">The graph's name.</param>
/// <param name="Status">The run status (wire name: <c>pending</c>, <c>running</c>, <c>awaiting_approval</c>, <c>succeeded</c>, <c>failed</c>, <c>cancelled</c>).</param>
/// <param name="Created">When the run was accepted.</param>
/// <param name="Started">When the orchestrator started it, or null.</param>
/// <param name="Ended">When it ended, or null.</param>
/// <param name="DurationMs">Milliseconds from start to end (to now while it runs), or null before it started.</param>
/// <param name="CostUsd">What its model calls have cost so far, in USD.</param>
/// <param name="BudgetUsd">The run budget in USD, or null for none.</param>
/// <param name="Domains">The domains of its graph's skills (what a key must cover to see it).</param>
/// <param name="Source">Who started it: <c>http</c>, <c>queue</c> or <c>replay</c>.</param>
/// <param name="ReplayOf">The run it replays, or null.</param>
/// <param name="Error">Why it failed or was cancelled, or null.</param>
public sealed record RunListItem(
    string RunId,
    string Graph,
    string Status,
    DateTimeOffset Created,
    DateTimeOffset? Started,
    DateTimeOffset? Ended,
    long? DurationMs,
    decimal CostUsd,
    decimal? BudgetUsd,
    IReadOnlyList<string> Domains,
    string Source,
    string? ReplayOf,
    string? Error);
