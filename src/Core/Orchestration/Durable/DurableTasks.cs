namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>The orchestrator and activity types of a graph run, by name, for a host to register with the Durable Task worker.</summary>
public static class DurableTasks
{
    /// <summary>Gets the orchestrators: name → type.</summary>
    public static IReadOnlyDictionary<string, Type> Orchestrators { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [DurableNames.GraphOrchestrator] = typeof(GraphOrchestrator),
        [DurableNames.ForEachChunkOrchestrator] = typeof(ForEachChunkOrchestrator),
    };

    /// <summary>Gets the activities: name → type.</summary>
    public static IReadOnlyDictionary<string, Type> Activities { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [DurableNames.NodeActivity] = typeof(NodeActivity),
        [DurableNames.RecordRunActivity] = typeof(RecordRunActivity),
        [DurableNames.PlanRunActivity] = typeof(PlanRunActivity),
    };
}
