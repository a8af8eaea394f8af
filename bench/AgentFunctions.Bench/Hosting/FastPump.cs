using AgentFunctions.Core.Hosting;
using AgentFunctions.Core.Storage;

namespace AgentFunctions.Bench.Hosting;

/// <summary>
/// Drives the scheduler in-process without a poller's waits: one loop receives up to 32 orchestrator messages (one
/// orchestrator step per run, as the standalone poller batches them), then up to 32 work items (handled concurrently),
/// through the same <see cref="QueueHandlers"/> the standalone poller and the Functions host call, and deletes what was
/// handled. A message the handlers want retried ends the measurement with the reason: no-op nodes never fail.
/// </summary>
internal sealed class FastPump(SchedulerHost host)
{
    private const int BatchSize = 32;
    private static readonly TimeSpan s_lease = TimeSpan.FromMinutes(10);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var names = host.Names;
        var orchestrator = host.Account.GetQueueClient(names.OrchestratorQueue);
        var workItems = host.Account.GetQueueClient(names.WorkItemQueue);
        var idle = 0;
        while (!host.Watch.Ended.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            var handled = 0;
            var batch = await orchestrator.ReceiveMessagesAsync(BatchSize, s_lease, cancellationToken);
            if (batch.Count > 0)
            {
                var outcomes = await host.Handlers.HandleOrchestratorAsync([.. batch.Select(ToInbound)], cancellationToken);
                await SettleAsync(orchestrator, batch, outcomes, cancellationToken);
                handled += batch.Count;
            }

            batch = await workItems.ReceiveMessagesAsync(BatchSize, s_lease, cancellationToken);
            if (batch.Count > 0)
            {
                var outcomes = await Task.WhenAll(batch.Select(m => host.Handlers.HandleWorkItemAsync(ToInbound(m), cancellationToken)));
                await SettleAsync(workItems, batch, outcomes, cancellationToken);
                handled += batch.Count;
            }

            // Both queues empty: the run has ended (its final commit is awaited by the caller) or is waiting for a delayed message.
            idle = handled == 0 ? idle + 1 : 0;
            if (idle > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(idle, 50)), cancellationToken);
            }
        }
    }

    private static InboundMessage ToInbound(QueueMessage m) => new(m.MessageId, m.MessageText, m.DequeueCount);

    private async Task SettleAsync(IQueueClient queue, IReadOnlyList<QueueMessage> batch, IReadOnlyList<MessageOutcome> outcomes, CancellationToken cancellationToken)
    {
        foreach (var outcome in outcomes)
        {
            var message = batch.First(m => m.MessageId == outcome.Message.MessageId);
            if (outcome.Disposition == MessageDisposition.Retry)
            {
                host.Watch.End($"error: a {queue.Name} message failed and would be retried: {outcome.Error}");
                continue;
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            if (outcome.Disposition == MessageDisposition.DeadLettered)
            {
                host.Watch.End($"error: a {queue.Name} message was dead-lettered: {outcome.Error}");
            }
        }
    }
}
