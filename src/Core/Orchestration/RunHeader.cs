using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration;

/// <summary>The state of a run as a whole (the header row of its table partition).</summary>
/// <param name="RunId">The run id.</param>
/// <param name="GraphName">The graph's name.</param>
/// <param name="GraphHash">SHA-256 of the graph YAML the run executes (stored with the run).</param>
/// <param name="Status">The run status.</param>
/// <param name="Inputs">The bound run inputs (defaults applied).</param>
/// <param name="CreatedAt">When the run was accepted.</param>
/// <param name="StartedAt">When the orchestrator started it, or null.</param>
/// <param name="CompletedAt">When it ended, or null.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="BudgetUsd">The run budget in USD, or null for none.</param>
/// <param name="SpentUsd">What model calls of this run have cost so far, in USD.</param>
/// <param name="ReservedUsd">Estimated cost reserved for dispatched, unfinished model calls, in USD.</param>
/// <param name="NextEventSeq">Sequence number the next event of the run gets (events are numbered 1, 2, 3 …).</param>
/// <param name="Source">Who started it: <c>http</c>, <c>queue</c> or <c>replay</c>.</param>
/// <param name="Replay">When the run replays another: the parent, the step it replays from and the mode; else null.</param>
/// <param name="Trace">The run's place in its distributed trace, or null when none was recorded.</param>
public sealed record RunHeader(
    string RunId,
    string GraphName,
    string GraphHash,
    RunStatus Status,
    JsonObject Inputs,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Error,
    decimal? BudgetUsd,
    decimal SpentUsd,
    decimal ReservedUsd,
    long NextEventSeq,
    string Source,
    ReplayInfo? Replay = null,
    Telemetry.RunTrace? Trace = null);

/// <summary>Where a replayed run comes from.</summary>
/// <param name="ParentRunId">The run it replays.</param>
/// <param name="FromNode">The node it re-runs from (with everything downstream); the nodes upstream were copied.</param>
/// <param name="Mode"><c>recorded</c>: model calls reuse the parent's responses when the request matches (no cost); <c>live</c>: every call is made again.</param>
/// <param name="CopiedNodes">The nodes copied from the parent, not executed.</param>
public sealed record ReplayInfo(string ParentRunId, string FromNode, string Mode, IReadOnlyList<string> CopiedNodes);
