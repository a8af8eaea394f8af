using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration.Messages;

/// <summary>A message on the orchestrator queue: <c>run.start</c>, <c>node.completed</c> or <c>approval.decided</c>.</summary>
/// <param name="SchemaVersion">Always <see cref="MessageKinds.SchemaVersion"/>.</param>
/// <param name="Kind"><see cref="MessageKinds.RunStart"/> or <see cref="MessageKinds.NodeCompleted"/>.</param>
/// <param name="RunId">The run.</param>
/// <param name="Run">For <c>run.start</c>: everything needed to create the run header.</param>
/// <param name="Result">For <c>node.completed</c>: the attempt's outcome.</param>
/// <param name="Approval">For <c>approval.decided</c>: the decision.</param>
/// <param name="Cancel">For <c>run.cancel</c>: who cancels and why.</param>
public sealed record OrchestratorMessage(int SchemaVersion, string Kind, string RunId, RunCreation? Run, NodeResult? Result, ApprovalDecision? Approval = null, CancelRequest? Cancel = null);

/// <summary>A request to cancel a run.</summary>
/// <param name="By">Who cancels.</param>
/// <param name="Reason">Why.</param>
public sealed record CancelRequest(string? By, string? Reason);

/// <summary>A human's decision on a node waiting for budget approval.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Approved">True to run it despite the budget, false to fail it.</param>
/// <param name="By">Who decided.</param>
/// <param name="Comment">Why.</param>
public sealed record ApprovalDecision(string NodeId, bool Approved, string? By, string? Comment);

/// <summary>Everything needed to create a run, carried by its <c>run.start</c> message so no state is lost if the API crashes after sending it.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="GraphName">The graph name.</param>
/// <param name="GraphYaml">The graph's YAML as validated at submission.</param>
/// <param name="GraphHash">SHA-256 (hex) of <paramref name="GraphYaml"/>.</param>
/// <param name="Inputs">The bound inputs.</param>
/// <param name="BudgetUsd">Run budget in USD, or null.</param>
/// <param name="CreatedAt">When the run was accepted.</param>
/// <param name="Source"><c>http</c>, <c>queue</c> or <c>replay</c>.</param>
/// <param name="Replay">For a replay: where it comes from; else null.</param>
public sealed record RunCreation(
    string RunId,
    string GraphName,
    string GraphYaml,
    string GraphHash,
    JsonObject Inputs,
    decimal? BudgetUsd,
    DateTimeOffset CreatedAt,
    string Source,
    ReplayInfo? Replay = null);

/// <summary>A message on the work-item queue: execute one attempt of one node (in one loop iteration).</summary>
/// <param name="SchemaVersion">Always <see cref="MessageKinds.SchemaVersion"/>.</param>
/// <param name="Kind">Always <see cref="MessageKinds.NodeExecute"/>.</param>
/// <param name="RunId">The run.</param>
/// <param name="NodeId">The node, or an instance of a <c>for_each</c> node such as <c>review[3]</c>.</param>
/// <param name="Attempt">The attempt, 1-based.</param>
/// <param name="Iteration">The loop iteration, 1-based; optional in the JSON (absent means 1), so schema version 1 messages
/// written before loops existed still read.</param>
public sealed record WorkItemMessage(int SchemaVersion, string Kind, string RunId, string NodeId, int Attempt, int Iteration = 1)
{
    /// <summary>
    /// Gets the outputs the node reads (<c>nodes.id.output</c> of its needs and of the nodes its expressions name), by node
    /// id, as the orchestrator saw them when it dispatched the work item; optional (absent when they are large: the worker
    /// then reads the node rows).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public System.Text.Json.Nodes.JsonObject? Reads { get; init; }
}
