using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>Everything a node attempt needs to run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Graph">The graph the run executes.</param>
/// <param name="Node">The node.</param>
/// <param name="Attempt">The attempt, 1-based.</param>
/// <param name="Inputs">The run's bound inputs.</param>
/// <param name="Outputs">Outputs of the run's succeeded nodes, by node id.</param>
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
    ReplayInfo? Replay = null);
