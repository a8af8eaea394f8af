using Microsoft.DurableTask;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>
/// Runs the first attempts of up to <see cref="MaxInstances"/> instances of one <c>for_each</c> node in parallel and returns
/// their results in order, so a 10,000-wide step adds 100 sub-orchestration events to the run's history instead of 20,000
/// activity events, and its work spreads over the task hub's partitions. Retries, budgets and approvals stay with the run's
/// own orchestrator, which applies these results as if each instance had completed on its own.
/// </summary>
public sealed class ForEachChunkOrchestrator : TaskOrchestrator<ForEachChunk, List<NodeResult>>
{
    /// <summary>Instances per chunk, at most; a step dispatching more first attempts of one node than this is chunked.</summary>
    public const int MaxInstances = 100;

    /// <inheritdoc/>
    public override async Task<List<NodeResult>> RunAsync(TaskOrchestrationContext context, ForEachChunk input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var results = await Task.WhenAll(input.Items.Select(item => RunAsync(context, item)));
        return [.. results];
    }

    private static async Task<NodeResult> RunAsync(TaskOrchestrationContext context, NodeWorkItem item)
    {
        try
        {
            return await context.CallActivityAsync<NodeResult>(DurableNames.NodeActivity, item, DurableRetries.Infrastructure);
        }
        catch (TaskFailedException ex)
        {
            return DurableRetries.InfrastructureFailure(item, ex, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
        }
    }
}
