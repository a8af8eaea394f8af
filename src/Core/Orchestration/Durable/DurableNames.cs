namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>
/// Names under which the orchestrators, activities and external events of a graph run are registered with the Durable Task
/// Framework — the same names as the <c>[Function]</c> names in the Functions app, so a task hub can be served by either host.
/// </summary>
public static class DurableNames
{
    /// <summary>The orchestrator that runs one graph run (<see cref="GraphOrchestrator"/>); its instance id is the run id.</summary>
    public const string GraphOrchestrator = "GraphOrchestrator";

    /// <summary>The sub-orchestrator that runs one chunk of a wide <c>for_each</c> step (<see cref="ForEachChunkOrchestrator"/>).</summary>
    public const string ForEachChunkOrchestrator = "ForEachChunkOrchestrator";

    /// <summary>The activity that executes one attempt of one node (<see cref="NodeActivity"/>).</summary>
    public const string NodeActivity = "NodeActivity";

    /// <summary>The activity that writes a run's record (header, node rows, events) for the API (<see cref="RecordRunActivity"/>).</summary>
    public const string RecordRunActivity = "RecordRunActivity";

    /// <summary>The activity that computes a run's cost plans from the skills and prices (<see cref="PlanRunActivity"/>).</summary>
    public const string PlanRunActivity = "PlanRunActivity";

    /// <summary>External event carrying an <see cref="Messages.ApprovalDecision"/>.</summary>
    public const string ApprovalEvent = "approval";

    /// <summary>External event carrying a <see cref="Messages.CancelRequest"/>.</summary>
    public const string CancelEvent = "cancel";
}
