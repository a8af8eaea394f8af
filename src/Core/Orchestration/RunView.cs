using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentFunctions.Core.Orchestration;

/// <summary>What <c>GET /api/runs/{id}</c> returns: the run and every node of its graph, in graph order.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Graph">The graph name.</param>
/// <param name="GraphHash">SHA-256 of the graph YAML the run executes.</param>
/// <param name="Status">pending, running, awaiting_approval, succeeded, failed or cancelled.</param>
/// <param name="CreatedAt">When it was accepted.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="CompletedAt">When it ended.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Inputs">The bound inputs.</param>
/// <param name="Budget">Limit, spent and reserved in USD.</param>
/// <param name="CostUsd">Total cost of the run's model calls so far, in USD.</param>
/// <param name="Recorded">True when any model response of the run was replayed from a recording.</param>
/// <param name="Nodes">Every node of the graph.</param>
/// <param name="PendingApprovals">Nodes waiting for a human decision (<c>POST /api/runs/{id}/approvals</c>), with the reason.</param>
/// <param name="Source">Who started it: <c>http</c>, <c>queue</c> or <c>replay</c>.</param>
/// <param name="Replay">When the run replays another: the parent, the node it re-runs from, the mode and the nodes copied; else null.</param>
/// <param name="Summary">What happened, in a few sentences (<see cref="RunSummary"/>): status and why, who cancelled or decided approvals, what a replay copied, node counts by status, cost.</param>
/// <param name="TraceId">The W3C trace id of the run's spans (Application Insights: its operation id), or null when no trace was recorded.</param>
/// <param name="Domains">The domains of the run's skills (<see cref="Graphs.GraphDefinition.Domains"/>): API keys see the run only when they cover all of them; empty when it has no skill node or its stored graph no longer validates.</param>
public sealed record RunView(
    string RunId,
    string Graph,
    string GraphHash,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Error,
    JsonObject Inputs,
    BudgetView Budget,
    decimal CostUsd,
    bool Recorded,
    IReadOnlyList<NodeView> Nodes,
    IReadOnlyList<PendingApproval> PendingApprovals,
    string Source = "http",
    ReplayInfo? Replay = null,
    string? Summary = null,
    string? TraceId = null,
    IReadOnlyList<string>? Domains = null);

/// <summary>A node waiting for approval.</summary>
/// <param name="Node">The node id.</param>
/// <param name="Reason">Why it needs approval.</param>
public sealed record PendingApproval(string Node, string Reason);

/// <summary>A run's budget in USD.</summary>
/// <param name="LimitUsd">The run budget, or null for none.</param>
/// <param name="SpentUsd">Spent so far.</param>
/// <param name="ReservedUsd">Reserved for model calls in flight.</param>
public sealed record BudgetView(decimal? LimitUsd, decimal SpentUsd, decimal ReservedUsd);

/// <summary>One node of a run in <see cref="RunView"/>.</summary>
/// <param name="Id">Node id.</param>
/// <param name="Kind">skill or tool.</param>
/// <param name="Target">The skill id or tool name.</param>
/// <param name="Needs">Nodes it needs.</param>
/// <param name="Status">pending, scheduled, running, succeeded, failed or skipped.</param>
/// <param name="Attempt">Current attempt (0 before the first).</param>
/// <param name="Model">The model that answered, for skill nodes.</param>
/// <param name="Provider">The provider of that model.</param>
/// <param name="Recorded">True when the response was replayed from a recording.</param>
/// <param name="Tokens">Prompt and completion tokens over all attempts.</param>
/// <param name="CostUsd">Cost over all attempts, in USD.</param>
/// <param name="DurationMs">Duration of the last attempt in milliseconds.</param>
/// <param name="StartedAt">When the last attempt started.</param>
/// <param name="CompletedAt">When the node finished.</param>
/// <param name="Output">The output, when it succeeded (or a failed tool's report).</param>
/// <param name="Error">Why it failed or was skipped.</param>
/// <param name="Details">Context manifest, model choice and reason, skill version.</param>
/// <param name="Approval">The human decision on the node (<c>{decision, kind, by, comment, at}</c>), or what it waits for (<c>{pending, reason}</c>).</param>
public sealed record NodeView(
    string Id,
    string Kind,
    string Target,
    IReadOnlyList<string> Needs,
    string Status,
    int Attempt,
    string? Model,
    string? Provider,
    bool Recorded,
    TokensView Tokens,
    decimal CostUsd,
    long? DurationMs,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    JsonNode? Output,
    string? Error,
    JsonObject? Details,
    JsonObject? Approval = null)
{
    /// <summary>Gets the loop iteration the node is in (or ended in), from 1.</summary>
    public int Iteration { get; init; } = 1;

    /// <summary>Gets why the node was skipped (<c>when_false</c>, <c>needs_skipped</c>, <c>need_failed</c>, <c>run_failed</c>,
    /// <c>budget</c>, <c>instance_skipped</c>), or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SkipCause { get; init; }

    /// <summary>Gets the output of the node's previous loop iteration while a newer one runs, or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? PreviousOutput { get; init; }

    /// <summary>Gets the node's <c>when:</c> condition, or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? When { get; init; }

    /// <summary>Gets the node's join policy when it is not <c>all</c> (<c>any</c>, <c>quorum: 2</c>), or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Join { get; init; }

    /// <summary>Gets the node's dynamic fan-out, or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ForEachView? ForEach { get; init; }

    /// <summary>Gets the loop that ends at this node, or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LoopView? Loop { get; init; }

    /// <summary>Gets, for a <c>for_each</c> node that expanded, its instances in item order; null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<InstanceView>? Instances { get; init; }
}

/// <summary>A <c>for_each</c> node's fan-out in <see cref="NodeView"/>.</summary>
/// <param name="Items">The expression naming the list, such as <c>nodes.planner.output.files</c>.</param>
/// <param name="MaxItems">Most instances allowed.</param>
/// <param name="Count">How many instances it expanded to, or null before it expanded.</param>
public sealed record ForEachView(string Items, int MaxItems, int? Count);

/// <summary>A bounded loop in <see cref="NodeView"/> (on its last node).</summary>
/// <param name="BackTo">The first node of the loop body.</param>
/// <param name="Until">The condition that ends the loop.</param>
/// <param name="MaxIterations">Most iterations.</param>
/// <param name="OnExhausted"><c>fail</c> or <c>continue</c>.</param>
public sealed record LoopView(string BackTo, string Until, int MaxIterations, string OnExhausted);

/// <summary>One instance of a <c>for_each</c> node in <see cref="NodeView"/>.</summary>
/// <param name="Id">The instance id, such as <c>review[3]</c>.</param>
/// <param name="Index">The 0-based item position.</param>
/// <param name="Status">pending, scheduled, running, succeeded, failed or skipped.</param>
/// <param name="Attempt">Current attempt.</param>
/// <param name="Item">The item it ran for.</param>
/// <param name="Output">Its output when it succeeded.</param>
/// <param name="Error">Why it failed or was skipped.</param>
/// <param name="CostUsd">Cost over all attempts, in USD.</param>
/// <param name="DurationMs">Duration of the last attempt in milliseconds.</param>
/// <param name="CompletedAt">When it finished.</param>
public sealed record InstanceView(
    string Id,
    int Index,
    string Status,
    int Attempt,
    JsonNode? Item,
    JsonNode? Output,
    string? Error,
    decimal CostUsd,
    long? DurationMs,
    DateTimeOffset? CompletedAt);

/// <summary>Token counts.</summary>
/// <param name="Input">Prompt tokens.</param>
/// <param name="Output">Completion tokens.</param>
public sealed record TokensView(long Input, long Output);

/// <summary>A page of a run's events.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Events">Events after the cursor, in order.</param>
/// <param name="Cursor">Pass as <c>after</c> to get the next page (the last sequence number returned, or the one given).</param>
/// <param name="RunStatus">The run's status when the page was read (stop polling when it is final and the page is empty).</param>
public sealed record EventsPage(string RunId, IReadOnlyList<RunEvent> Events, long Cursor, string RunStatus);
