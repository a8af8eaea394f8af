using Microsoft.DurableTask;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>
/// Retries of the Durable Task Framework for infrastructure failures only: an activity throws when storage or the host
/// fails, never for a node that failed (that is a <see cref="NodeResult"/> with <c>Succeeded = false</c>, retried by the
/// graph's own policy, with its back-off and events). Five attempts, 1 s, 2 s, 4 s, 8 s apart.
/// </summary>
internal static class DurableRetries
{
    /// <summary>Gets the task options for activity and sub-orchestration calls.</summary>
    public static TaskOptions Infrastructure { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>The failed attempt a node gets when its activity kept throwing: the run sees a failure instead of waiting forever.</summary>
    /// <param name="item">The work item.</param>
    /// <param name="exception">The last failure.</param>
    /// <param name="now">The orchestration's current time.</param>
    /// <returns>A failed result with the error.</returns>
    public static NodeResult InfrastructureFailure(NodeWorkItem item, TaskFailedException exception, DateTimeOffset now) =>
        new(item.NodeId, item.Attempt, false, null,
            $"The node's activity failed 5 times without a result (infrastructure): {exception.FailureDetails?.ErrorMessage ?? exception.Message}",
            now, now, null, null, false, 0, 0, 0, new System.Text.Json.Nodes.JsonObject { ["infrastructure_failure"] = true })
        {
            Iteration = item.Iteration,
        };
}
