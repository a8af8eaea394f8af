using Microsoft.DurableTask;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>
/// The Durable Task orchestrator of one graph run (instance id = run id). It interprets the graph deterministically with a
/// <see cref="RunMachine"/>: every node attempt is a <see cref="NodeActivity"/> call (wide <c>for_each</c> steps go through
/// <see cref="ForEachChunkOrchestrator"/> sub-orchestrations), retry back-off is a durable timer, approvals and cancellation
/// are the external events <see cref="DurableNames.ApprovalEvent"/> and <see cref="DurableNames.CancelEvent"/>, and what
/// users see (header, node rows, events) is written by <see cref="RecordRunActivity"/> calls, one at a time and in order.
/// The task hub's history is the source of truth for execution; the orchestrator does no I/O of its own.
/// </summary>
/// <param name="graphs">Parses the run's stored graph YAML (deterministic for a given YAML and catalog).</param>
public sealed class GraphOrchestrator(GraphService graphs) : TaskOrchestrator<GraphRunInput, GraphRunOutcome>
{
    /// <inheritdoc/>
    public override Task<GraphRunOutcome> RunAsync(TaskOrchestrationContext context, GraphRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new GraphRunExecution(context, input, graphs).RunAsync();
    }
}
