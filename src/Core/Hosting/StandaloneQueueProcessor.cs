using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Hosting;

/// <summary>
/// The queue triggers of standalone mode: polls the orchestrator, work-item and run-request queues with an adaptive
/// interval, renews the lease of running work items, deletes handled messages, and makes failed ones visible again
/// after an exponential back-off (2^dequeueCount seconds, at most 60 s). Several processes can share the queues.
/// </summary>
public sealed partial class StandaloneQueueProcessor(
    IServiceProvider services,
    RunStore store,
    QueueSignals signals,
    IOptions<StandaloneOptions> options,
    ILogger<StandaloneQueueProcessor> logger) : BackgroundService
{
    private const int OrchestratorBatchSize = 32;
    private const int RunRequestBatchSize = 16;
    private const int LearningBatchSize = 4;
    private readonly StandaloneOptions _options = options.Value;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var names = store.Options;
        LogStarted(logger, names.OrchestratorQueue, names.WorkItemQueue, names.RunRequestQueue, _options.MaxConcurrentWorkItems);
        await Task.WhenAll(
            PollAsync(store.Queue(names.OrchestratorQueue), OrchestratorBatchSize, HandleOrchestratorAsync, stoppingToken),
            PollWorkItemsAsync(store.Queue(names.WorkItemQueue), stoppingToken),
            PollAsync(store.Queue(names.RunRequestQueue), RunRequestBatchSize, HandleRunRequestsAsync, stoppingToken),
            PollAsync(store.Queue(Handlers.LearningQueues.CorrectionsQueue), LearningBatchSize, (l, ct) => HandleEachAsync(l, Handlers.HandleCorrectionAsync, ct), stoppingToken, renew: true),
            PollAsync(store.Queue(Handlers.LearningQueues.ValidationsQueue), 1, (l, ct) => HandleEachAsync(l, Handlers.HandleValidationAsync, ct), stoppingToken, renew: true));
    }

    // After an empty receive: wait for the back-off, or less when this process sends to the queue meanwhile. Returns the
    // next back-off (doubled up to the maximum, or back to the minimum after a wake-up).
    private async Task<TimeSpan> WaitAsync(string queue, TimeSpan delay, CancellationToken stoppingToken) =>
        await signals.WaitAsync(queue, delay, stoppingToken)
            ? _options.MinPollingInterval
            : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxPollingInterval.Ticks));

    private static TimeSpan Backoff(long dequeueCount) => TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(dequeueCount, 6))));

    private QueueHandlers Handlers => services.GetRequiredService<QueueHandlers>();

    private async Task PollAsync(IQueueClient queue, int batchSize, Func<IReadOnlyList<MessageLease>, CancellationToken, Task> handle, CancellationToken stoppingToken, bool renew = false)
    {
        var delay = _options.MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var messages = await queue.ReceiveMessagesAsync(batchSize, _options.VisibilityTimeout, stoppingToken);
                if (messages.Count == 0)
                {
                    delay = await WaitAsync(queue.Name, delay, stoppingToken);
                    continue;
                }

                delay = _options.MinPollingInterval;
                var leases = messages.Select(m => new MessageLease(queue, m, _options.VisibilityTimeout, renew)).ToList();
                await handle(leases, stoppingToken);
                foreach (var lease in leases)
                {
                    await lease.DisposeAsync();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPollFailed(logger, ex, queue.Name);
                await Task.Delay(_options.MaxPollingInterval, stoppingToken);
            }
        }
    }

    private async Task HandleOrchestratorAsync(IReadOnlyList<MessageLease> leases, CancellationToken cancellationToken)
    {
        var handlers = services.GetRequiredService<QueueHandlers>();
        var outcomes = await handlers.HandleOrchestratorAsync([.. leases.Select(l => l.ToInbound())], cancellationToken);
        await SettleAsync(leases, outcomes, cancellationToken);
    }

    private Task HandleRunRequestsAsync(IReadOnlyList<MessageLease> leases, CancellationToken cancellationToken) =>
        HandleEachAsync(leases, Handlers.HandleRunRequestAsync, cancellationToken);

    private static async Task HandleEachAsync(IReadOnlyList<MessageLease> leases, Func<InboundMessage, CancellationToken, Task<MessageOutcome>> handle, CancellationToken cancellationToken)
    {
        var outcomes = new List<MessageOutcome>();
        foreach (var lease in leases)
        {
            outcomes.Add(await handle(lease.ToInbound(), cancellationToken));
        }

        await SettleAsync(leases, outcomes, cancellationToken);
    }

    // Deletes (or abandons) a batch's messages concurrently: up to 32 independent requests, after every step of the batch committed.
    private static Task SettleAsync(IReadOnlyList<MessageLease> leases, IReadOnlyList<MessageOutcome> outcomes, CancellationToken cancellationToken) =>
        Task.WhenAll(outcomes.Select(async outcome =>
        {
            var lease = leases.First(l => l.Message.MessageId == outcome.Message.MessageId);
            if (outcome.Disposition == MessageDisposition.Retry)
            {
                await lease.AbandonAsync(Backoff(lease.Message.DequeueCount), cancellationToken);
            }
            else
            {
                await lease.CompleteAsync(cancellationToken);
            }
        }));

    private async Task PollWorkItemsAsync(IQueueClient queue, CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrentWorkItems);
        var running = new List<Task>();
        var delay = _options.MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1 + Math.Min(slots.CurrentCount, 31);
                IReadOnlyList<QueueMessage> messages;
                try
                {
                    messages = await queue.ReceiveMessagesAsync(free, _options.VisibilityTimeout, stoppingToken);
                }
                catch
                {
                    slots.Release();
                    throw;
                }

                if (messages.Count == 0)
                {
                    slots.Release();
                    delay = await WaitAsync(queue.Name, delay, stoppingToken);
                    continue;
                }

                delay = _options.MinPollingInterval;
                for (var i = 1; i < messages.Count; i++)
                {
                    await slots.WaitAsync(stoppingToken);
                }

                running.RemoveAll(t => t.IsCompleted);
                running.AddRange(messages.Select(m => RunWorkItemAsync(queue, m, slots, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(logger, ex, queue.Name);
                await Task.Delay(_options.MaxPollingInterval, stoppingToken);
            }
        }

        await Task.WhenAll(running);
    }

    private async Task RunWorkItemAsync(IQueueClient queue, QueueMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await using var lease = new MessageLease(queue, message, _options.VisibilityTimeout, renew: true);
        try
        {
            var outcome = await services.GetRequiredService<QueueHandlers>().HandleWorkItemAsync(lease.ToInbound(), stoppingToken);
            if (outcome.Disposition == MessageDisposition.Retry)
            {
                await lease.AbandonAsync(Backoff(message.DequeueCount), stoppingToken);
            }
            else
            {
                await lease.CompleteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: leave the message; it becomes visible again when its lease expires.
        }
        catch (Exception ex)
        {
            LogWorkItemFailed(logger, ex, message.MessageId);
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Standalone mode: polling {OrchestratorQueue}, {WorkItemQueue} and {RunRequestQueue} ({MaxConcurrent} concurrent work items)")]
    private static partial void LogStarted(ILogger logger, string orchestratorQueue, string workItemQueue, string runRequestQueue, int maxConcurrent);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Polling {Queue} failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Work item {MessageId} could not be settled")]
    private static partial void LogWorkItemFailed(ILogger logger, Exception exception, string messageId);
}
