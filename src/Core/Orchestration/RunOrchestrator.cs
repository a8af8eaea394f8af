using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using Azure;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// One orchestrator step for one run: load the partition, apply the incoming events with <see cref="RunTransition"/>,
/// commit header + nodes + events + outbox in one transaction guarded by the header ETag, then send the outbox.
/// The caller deletes the incoming messages only after this returns, so a crash at any point is repaired by redelivery:
/// re-applying an applied event changes nothing and only re-sends the outbox.
/// </summary>
public sealed partial class RunOrchestrator(RunStore store, GraphService graphs, NodeCostEstimator estimator, TimeProvider time, ILogger<RunOrchestrator> logger)
{
    private const int MaxConflictRetries = 20;

    /// <summary>Applies a batch of messages of one run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="messages">Its messages, in arrival order.</param>
    /// <param name="cancellationToken">Cancels the step (nothing is lost; the messages are redelivered).</param>
    /// <returns>A task that completes when the step is committed and its messages sent.</returns>
    /// <exception cref="RequestFailedException">Storage failed, or the header kept conflicting; the messages should be retried.</exception>
    public async Task ProcessAsync(string runId, IReadOnlyList<OrchestratorMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var events = messages.Select(ToEvent).ToList();
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await store.LoadAsync(runId, cancellationToken);
            var creation = loaded is null ? messages.Select(m => m.Run).FirstOrDefault(r => r is not null) : null;
            if (loaded is null && creation is null)
            {
                LogUnknownRun(logger, runId, messages.Count);
                return;
            }

            var header = loaded?.Header ?? RunStore.NewHeader(creation!);
            var graph = graphs.ForRun(header.GraphHash, loaded?.GraphYaml ?? creation!.GraphYaml);
            var nodes = graph.Nodes.ToDictionary(
                n => n.Id,
                n => loaded?.Nodes.GetValueOrDefault(n.Id) ?? NodeState.Initial(n.Id),
                StringComparer.Ordinal);
            var result = RunTransition.Apply(new RunSnapshot(header, nodes), graph, events, estimator.Estimate(graph), time.GetUtcNow());
            var pendingOutbox = loaded?.Outbox ?? [];
            if (!result.HasChanges && creation is null)
            {
                await store.FlushOutboxAsync(runId, pendingOutbox, cancellationToken);
                return;
            }

            OutboxRow? outbox;
            try
            {
                outbox = await store.CommitAsync(runId, loaded?.HeaderETag, creation, result, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                LogConflict(logger, runId, attempt);
                continue;
            }

            LogCommitted(logger, runId, result.Header.Status, result.Events.Count, result.Dispatches.Count);
            await store.FlushOutboxAsync(runId, outbox is null ? pendingOutbox : [.. pendingOutbox, outbox], cancellationToken);
            return;
        }
    }

    private static OrchestratorEvent ToEvent(OrchestratorMessage message) => message.Kind switch
    {
        MessageKinds.RunStart => new StartRun(),
        MessageKinds.NodeCompleted => new NodeCompleted(message.Result!),
        _ => throw new MalformedMessageException($"Unknown orchestrator message kind '{message.Kind}'."),
    };

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Run {RunId} does not exist; dropping {Count} orchestrator message(s) that cannot create it")]
    private static partial void LogUnknownRun(ILogger logger, string runId, int count);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Run {RunId}: header changed under us (attempt {Attempt}); reloading")]
    private static partial void LogConflict(ILogger logger, string runId, int attempt);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Run {RunId} is {Status}: committed {Events} event(s), dispatching {Dispatches} work item(s)")]
    private static partial void LogCommitted(ILogger logger, string runId, RunStatus status, int events, int dispatches);
}
