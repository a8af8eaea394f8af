using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AgentFunctions.Functions.Durable;

/// <summary>
/// The Durable Functions shells of the graph run's orchestrators and activities: each binds its trigger and delegates to the
/// same class the standalone host registers (<see cref="DurableTasks"/>), under the same name.
/// </summary>
/// <param name="graph">The graph orchestrator.</param>
/// <param name="chunk">The <c>for_each</c> chunk sub-orchestrator.</param>
/// <param name="node">The node activity.</param>
/// <param name="record">The record activity.</param>
/// <param name="plan">The plan activity.</param>
public sealed class DurableFunctions(GraphOrchestrator graph, ForEachChunkOrchestrator chunk, NodeActivity node, RecordRunActivity record, PlanRunActivity plan)
{
    /// <summary>Runs one graph run (instance id = run id).</summary>
    /// <param name="context">The orchestration context.</param>
    /// <returns>The run's outcome.</returns>
    [Function(DurableNames.GraphOrchestrator)]
    public Task<GraphRunOutcome> RunGraphAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return graph.RunAsync(context, context.GetInput<GraphRunInput>()!);
    }

    /// <summary>Runs one chunk of a wide <c>for_each</c> step.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <returns>The instances' results in order.</returns>
    [Function(DurableNames.ForEachChunkOrchestrator)]
    public Task<List<NodeResult>> RunChunkAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return chunk.RunAsync(context, context.GetInput<ForEachChunk>()!);
    }

    /// <summary>Executes one node attempt.</summary>
    /// <param name="input">The work item.</param>
    /// <param name="context">The function context (for the instance id).</param>
    /// <returns>The attempt's result.</returns>
    [Function(DurableNames.NodeActivity)]
    public Task<NodeResult> RunNodeAsync([ActivityTrigger] NodeWorkItem input, FunctionContext context) =>
        node.RunAsync(new FunctionActivityContext(DurableNames.NodeActivity, context), input);

    /// <summary>Writes a batch of a run's record.</summary>
    /// <param name="input">The batch.</param>
    /// <param name="context">The function context.</param>
    /// <returns>How many events were written.</returns>
    [Function(DurableNames.RecordRunActivity)]
    public Task<int> RecordRunAsync([ActivityTrigger] RunRecordBatch input, FunctionContext context) =>
        record.RunAsync(new FunctionActivityContext(DurableNames.RecordRunActivity, context), input);

    /// <summary>Computes a run's cost plans.</summary>
    /// <param name="input">The graph.</param>
    /// <param name="context">The function context.</param>
    /// <returns>The plans by node id.</returns>
    [Function(DurableNames.PlanRunActivity)]
    public Task<Dictionary<string, NodeCostPlan>> PlanRunAsync([ActivityTrigger] PlanRunInput input, FunctionContext context) =>
        plan.RunAsync(new FunctionActivityContext(DurableNames.PlanRunActivity, context), input);
}
