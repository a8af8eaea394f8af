using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration;

/// <summary>The state of one node in one run (a node row of the run's partition).</summary>
/// <param name="NodeId">The node id.</param>
/// <param name="Status">The node status.</param>
/// <param name="Attempt">The current attempt, 1-based; 0 before the first dispatch.</param>
/// <param name="ReservedUsd">Cost reserved for the current attempt's model call, in USD.</param>
/// <param name="CostUsd">What all attempts' model calls cost, in USD.</param>
/// <param name="InputTokens">Prompt tokens over all attempts.</param>
/// <param name="OutputTokens">Completion tokens over all attempts.</param>
/// <param name="ScheduledAt">When the current attempt was dispatched.</param>
/// <param name="StartedAt">When a worker started the current attempt.</param>
/// <param name="CompletedAt">When the node finished.</param>
/// <param name="DurationMs">How long the last attempt ran, in milliseconds.</param>
/// <param name="Model">The model that answered the last attempt, or null for tool nodes.</param>
/// <param name="Provider">The provider of that model (<c>openai</c>, <c>recorded</c> …), or null.</param>
/// <param name="Recorded">True when the model response was replayed from a recording.</param>
/// <param name="Output">The node's output when it succeeded.</param>
/// <param name="Error">Why the last attempt failed, or null.</param>
/// <param name="Details">Execution details of the last attempt (context manifest, model choice and reason, skill version, tool summary).</param>
/// <param name="DispatchModel">The model the orchestrator chose for the current attempt (a downgrade), or null for the node's own.</param>
/// <param name="BudgetApproved">True when a human approved exceeding the budget for this node; its calls are not budget-checked again.</param>
/// <param name="Approval">The human decision on this node, when there was one: <c>{decision, kind, by, comment, at}</c>.</param>
public sealed record NodeState(
    string NodeId,
    NodeStatus Status,
    int Attempt,
    decimal ReservedUsd,
    decimal CostUsd,
    long InputTokens,
    long OutputTokens,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    long? DurationMs,
    string? Model,
    string? Provider,
    bool Recorded,
    JsonNode? Output,
    string? Error,
    JsonObject? Details,
    string? DispatchModel = null,
    bool BudgetApproved = false,
    JsonObject? Approval = null)
{
    /// <summary>Gets the loop iteration the state belongs to, from 1 (always 1 outside a loop). Work items and results carry it;
    /// a completion from an older iteration is ignored.</summary>
    public int Iteration { get; init; } = 1;

    /// <summary>Gets the output of the node's last iteration that succeeded while a newer iteration runs, or null; it is what
    /// <c>nodes.id.output</c> reads until the new iteration succeeds.</summary>
    public JsonNode? PreviousOutput { get; init; }

    /// <summary>Gets the item of a <c>for_each</c> instance (<c>${{ item }}</c>), or null for other nodes.</summary>
    public JsonNode? Item { get; init; }

    /// <summary>Gets, for a <c>for_each</c> node that expanded, how many instances it has (<c>id[0]</c> … <c>id[n-1]</c>); null otherwise.</summary>
    public int? Instances { get; init; }

    /// <summary>Gets why the node was skipped (one of <see cref="SkipCauses"/>), or null when it was not.</summary>
    public string? SkipCause { get; init; }

    /// <summary>Gets what successors and conditions read as <c>nodes.id.output</c>: the output when the node succeeded; null
    /// when it ended otherwise (skipped, or failed); while it has yet to finish, the output of its last earlier iteration
    /// that succeeded (null outside loops).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public JsonNode? VisibleOutput => Status switch
    {
        NodeStatus.Succeeded => Output,
        NodeStatus.Skipped or NodeStatus.Failed => null,
        _ => PreviousOutput,
    };

    /// <summary>Creates the state of a node that has not run.</summary>
    /// <param name="nodeId">The node id.</param>
    /// <returns>A pending node.</returns>
    public static NodeState Initial(string nodeId) =>
        new(nodeId, NodeStatus.Pending, 0, 0, 0, 0, 0, null, null, null, null, null, null, false, null, null, null);
}
