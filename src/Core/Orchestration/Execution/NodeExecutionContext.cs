using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>Everything a node attempt needs to run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Graph">The graph the run executes.</param>
/// <param name="Node">The node; for an instance of a <c>for_each</c> node, the node with <see cref="GraphNode.Id"/> set to the
/// instance id (<c>review[3]</c>).</param>
/// <param name="Attempt">The attempt, 1-based.</param>
/// <param name="Inputs">The run's bound inputs.</param>
/// <param name="Outputs">What <c>nodes.id.output</c> reads, by node id: a succeeded node's output (for a <c>for_each</c> node
/// the ordered array of its instances' outputs), the previous iteration's output in a loop, else null.</param>
/// <param name="ReservedUsd">Cost reserved for this attempt by the orchestrator, in USD.</param>
/// <param name="ModelOverride">The model the orchestrator chose for this attempt (a budget downgrade), or null for the node's own.</param>
/// <param name="Replay">When the run replays another, its lineage (recorded mode reuses the parent's model answers), else null.</param>
public sealed record NodeExecutionContext(
    string RunId,
    GraphDefinition Graph,
    GraphNode Node,
    int Attempt,
    JsonObject Inputs,
    IReadOnlyDictionary<string, JsonNode?> Outputs,
    decimal ReservedUsd,
    string? ModelOverride = null,
    ReplayInfo? Replay = null)
{
    /// <summary>Gets the loop iteration of the attempt, from 1.</summary>
    public int Iteration { get; init; } = 1;

    /// <summary>Gets whether a human approved going on despite a prompt-injection finding (domain policy <c>approve</c>): findings are
    /// then recorded and the node proceeds.</summary>
    public bool InjectionApproved { get; init; }

    /// <summary>Gets the item of a <c>for_each</c> instance (<c>${{ item }}</c>, <c>${{ item_index }}</c>), or null.</summary>
    public ForEachItem? Item { get; init; }
}
