namespace AgentFunctions.Core.Orchestration;

/// <summary>Something that happened to a run and that the orchestrator applies to its state.</summary>
public abstract record OrchestratorEvent;

/// <summary>The run should start: dispatch its root nodes.</summary>
public sealed record StartRun : OrchestratorEvent;

/// <summary>A worker finished one attempt of a node.</summary>
/// <param name="Result">The attempt's outcome.</param>
public sealed record NodeCompleted(NodeResult Result) : OrchestratorEvent;

/// <summary>A human decided on a node that waits for approval.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Approved">True to let the node run despite the budget; false to fail it (and the run).</param>
/// <param name="By">Who decided, as given.</param>
/// <param name="Comment">Why, as given.</param>
public sealed record ApprovalDecided(string NodeId, bool Approved, string? By, string? Comment) : OrchestratorEvent;

/// <summary>Someone asked to cancel the run.</summary>
/// <param name="By">Who asked, as given.</param>
/// <param name="Reason">Why, as given.</param>
public sealed record CancelRun(string? By, string? Reason) : OrchestratorEvent
{
    /// <summary>
    /// Gets the nodes (and instances) whose current attempt is executing now, as the orchestrator knows from the activities
    /// it awaits: they are left to stop cooperatively and report, the others are cancelled at once. Null when unknown
    /// (then only nodes in status <see cref="NodeStatus.Running"/> count as executing).
    /// </summary>
    public IReadOnlySet<string>? Executing { get; init; }
}

/// <summary>A run's partition as the orchestrator loads it: the header and every node.</summary>
/// <param name="Header">The run header.</param>
/// <param name="Nodes">Node states by node id: every node of the graph, and the instances of <c>for_each</c> nodes that expanded
/// (by instance id, such as <c>review[3]</c>).</param>
public sealed record RunSnapshot(RunHeader Header, IReadOnlyDictionary<string, NodeState> Nodes);

/// <summary>A work item the orchestrator must send after committing a transition.</summary>
/// <param name="NodeId">The node to execute, or the instance of a <c>for_each</c> node (<c>review[3]</c>).</param>
/// <param name="Attempt">The attempt, 1-based.</param>
/// <param name="Delay">How long the work item stays invisible (retry back-off); zero for none.</param>
/// <param name="Model">The model chosen for this attempt when it differs from the node's own (a downgrade), else null.</param>
/// <param name="Domain">The domain whose budget the call counts against, or null.</param>
/// <param name="ReservationUsd">The cost reserved for the attempt, in USD.</param>
/// <param name="BudgetApproved">True when a human approved the call; domain budgets are not checked for it.</param>
public sealed record WorkItemDispatch(string NodeId, int Attempt, TimeSpan Delay, string? Model = null, string? Domain = null, decimal ReservationUsd = 0, bool BudgetApproved = false)
{
    /// <summary>Gets the loop iteration of the attempt, from 1.</summary>
    public int Iteration { get; init; } = 1;

    /// <summary>Gets whether a human approved the node despite a prompt-injection finding (policy <c>approve</c>).</summary>
    public bool InjectionApproved { get; init; }

    /// <summary>Gets the outputs the node reads, by node id, to send with the work item; null to let the worker read them.</summary>
    public System.Text.Json.Nodes.JsonObject? Reads { get; init; }
}

/// <summary>What applying events to a run produced.</summary>
/// <param name="Header">The new header.</param>
/// <param name="ChangedNodes">Nodes whose state changed.</param>
/// <param name="Dispatches">Work items to send once the transition is committed.</param>
/// <param name="Events">Events to append to the run's stream.</param>
public sealed record TransitionResult(
    RunHeader Header,
    IReadOnlyList<NodeState> ChangedNodes,
    IReadOnlyList<WorkItemDispatch> Dispatches,
    IReadOnlyList<RunEvent> Events)
{
    /// <summary>Gets whether anything changed (a duplicate event changes nothing).</summary>
    public bool HasChanges => ChangedNodes.Count > 0 || Dispatches.Count > 0 || Events.Count > 0;
}
