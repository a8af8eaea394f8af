using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Orchestration.Execution;
using AgentFunctions.Core.Orchestration.FaultInjection;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Orchestration;

/// <summary>What a worker did with a work item.</summary>
public enum WorkItemOutcome
{
    /// <summary>The node ran and its completion was sent.</summary>
    Executed,

    /// <summary>The result was already stored (an earlier delivery ran it); the completion was sent again.</summary>
    CompletionResent,

    /// <summary>The work item was stale or a duplicate (run ended, node not at that attempt); nothing ran.</summary>
    Dropped,
}

/// <summary>
/// Executes work items idempotently, keyed by (run, node, iteration, attempt): drops stale ones, re-sends the completion when
/// the result is already stored, otherwise marks the node running, executes it, stores the result exactly once and
/// sends the completion. The caller deletes the work item only after this returns.
/// </summary>
public sealed partial class WorkItemProcessor(
    RunStore store, GraphService graphs, NodeExecutor executor, LearningService learning, CrashPoints crashPoints, TimeProvider time, ILogger<WorkItemProcessor> logger)
{
    private const int MaxMarkRetries = 5;
    private const int MaxCachedRuns = 1024;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (RunHeader Header, string GraphYaml)> _runs = new(StringComparer.Ordinal);

    /// <summary>Processes one work item.</summary>
    /// <param name="item">The work item.</param>
    /// <param name="deliveryId">The queue message id (kept by redeliveries, different for a duplicate message), or null when unknown.</param>
    /// <param name="cancellationToken">Cancelled on shutdown; the work item is then redelivered.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="Azure.RequestFailedException">Storage failed; retry the work item.</exception>
    public async Task<WorkItemOutcome> ProcessAsync(WorkItemMessage item, string? deliveryId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (await RunOfAsync(item.RunId, cancellationToken) is not { } run)
        {
            LogDropped(logger, item.RunId, item.NodeId, item.Attempt, "the run does not exist");
            return WorkItemOutcome.Dropped;
        }

        // The node row alone says whether this attempt is still wanted: when a run ends, every node it had scheduled is
        // cancelled or skipped in the same step.
        for (var i = 0; i < MaxMarkRetries; i++)
        {
            var row = await store.GetNodeAsync(item.RunId, item.NodeId, cancellationToken);
            if (row is not { } current || current.Node.Attempt != item.Attempt || current.Node.Iteration != item.Iteration
                || current.Node.Status is not (NodeStatus.Scheduled or NodeStatus.Running))
            {
                LogDropped(logger, item.RunId, item.NodeId, item.Attempt, "the node is not waiting for this attempt and iteration");
                return WorkItemOutcome.Dropped;
            }

            if (current.Node.Status == NodeStatus.Running)
            {
                if (await store.GetResultAsync(item.RunId, item.NodeId, item.Iteration, item.Attempt, cancellationToken) is { } stored)
                {
                    await SendCompletionAsync(item.RunId, stored, cancellationToken);
                    return WorkItemOutcome.CompletionResent;
                }

                if (deliveryId is not null && current.DeliveryId is { } running && running != deliveryId)
                {
                    // A second message for the same attempt (an outbox sent twice): the first delivery runs it; if that
                    // worker dies, its own message comes back and runs it again. Never run the attempt twice at once.
                    LogDropped(logger, item.RunId, item.NodeId, item.Attempt, "another delivery of this attempt is running it");
                    return WorkItemOutcome.Dropped;
                }
            }

            if (await store.TryMarkRunningAsync(item.RunId, item.NodeId, current.ETag, time.GetUtcNow(), deliveryId, cancellationToken))
            {
                crashPoints.Hit(CrashPoints.WorkerMarkedRunning);
                await ExecuteAsync(item, run.Header, run.GraphYaml, current.Node, cancellationToken);
                return WorkItemOutcome.Executed;
            }
        }

        throw new InvalidOperationException($"Node {item.RunId}/{item.NodeId} kept changing while a worker tried to start attempt {item.Attempt}.");
    }

    // What a work item needs of its run never changes after the run is created (graph, inputs, replay lineage), so it is
    // read once per run and process. The status is not used from here.
    private async Task<(RunHeader Header, string GraphYaml)?> RunOfAsync(string runId, CancellationToken cancellationToken)
    {
        if (_runs.TryGetValue(runId, out var known))
        {
            return known;
        }

        if (await store.GetHeaderAsync(runId, cancellationToken) is not { } loaded)
        {
            return null;
        }

        if (_runs.Count >= MaxCachedRuns)
        {
            _runs.Clear();
        }

        return _runs[runId] = (loaded.Header, loaded.GraphYaml);
    }

    private async Task ExecuteAsync(WorkItemMessage item, RunHeader header, string graphYaml, NodeState node, CancellationToken cancellationToken)
    {
        var graph = graphs.ForRun(header.GraphHash, graphYaml);
        var definition = graph.FindNode(NodeInstanceIds.BaseOf(item.NodeId))
            ?? throw new MalformedMessageException($"Run {item.RunId}'s graph has no node '{item.NodeId}'.");
        ForEachItem? forEachItem = null;
        if (NodeInstanceIds.TryParse(item.NodeId, out _, out var index))
        {
            // An instance runs as its node under the instance id, so results, tool folders and logs name the instance.
            definition = definition with { Id = item.NodeId };
            forEachItem = new ForEachItem(node.Item?.DeepClone(), index);
        }

        var outputs = item.Reads is { } reads ? new RunOutputs(graph, reads) : new RunOutputs(graph, await store.ReadNodesAsync(item.RunId, cancellationToken));
        LogExecuting(logger, item.RunId, item.NodeId, item.Attempt);
        var context = new NodeExecutionContext(item.RunId, graph, definition, item.Attempt, header.Inputs, outputs, node.ReservedUsd, node.DispatchModel, header.Replay)
        {
            Iteration = item.Iteration,
            Item = forEachItem,
        };
        var result = await ExecuteWatchingForCancelAsync(context, cancellationToken) with { Iteration = item.Iteration };
        crashPoints.Hit(CrashPoints.WorkerExecuted);
        var stored = await store.AddResultAsync(item.RunId, result, cancellationToken);
        crashPoints.Hit(CrashPoints.WorkerResultStored);
        LogExecuted(logger, item.RunId, item.NodeId, item.Attempt, stored.Succeeded, stored.DurationMs, stored.Error ?? string.Empty);
        if (stored.Succeeded && stored.Details?["skill"]?.GetValue<string>() is { } skill)
        {
            // Every finished skill execution counts for the skill's accept rate (idempotent by run, node and attempt).
            await learning.RecordExecutionAsync(new ExecutionRecord(
                item.RunId, item.NodeId, item.Attempt, skill, stored.Details["skill_version"]?.GetValue<string>() ?? string.Empty,
                stored.Details["input"] as JsonObject ?? [], stored.Output, stored.Model, stored.CompletedAt), cancellationToken);
        }
        await SendCompletionAsync(item.RunId, stored, cancellationToken);
    }

    // Runs the node while a watcher polls the run's status; a cancelled run stops the node cooperatively (its token is
    // cancelled) and the attempt is recorded as stopped by the cancellation.
    private async Task<NodeResult> ExecuteWatchingForCancelAsync(NodeExecutionContext context, CancellationToken cancellationToken)
    {
        using var cancelled = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cancelled.Token);
        var started = time.GetUtcNow();
        var execution = executor.ExecuteAsync(context, linked.Token);
        if (execution.IsCompleted)
        {
            return await execution; // finished without waiting (e.g. noop): nothing to watch
        }

        using var stopWatching = new CancellationTokenSource();
        var watcher = WatchAsync(context.RunId, cancelled, stopWatching.Token);
        try
        {
            return await execution;
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new NodeResult(context.Node.Id, context.Attempt, false, null, "Stopped: the run was cancelled while this attempt ran.",
                started, time.GetUtcNow(), null, null, false, 0, 0, 0, null);
        }
        finally
        {
            await stopWatching.CancelAsync();
            await watcher;
        }
    }

    private async Task WatchAsync(string runId, CancellationTokenSource cancelled, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(store.Options.CancellationCheckInterval, stop);
                if ((await store.GetHeaderAsync(runId, stop))?.Header.Status == RunStatus.Cancelled)
                {
                    await cancelled.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The node finished first.
        }
    }

    private async Task SendCompletionAsync(string runId, NodeResult result, CancellationToken cancellationToken)
    {
        await store.SendToOrchestratorAsync(runId, new OrchestratorMessage(MessageKinds.SchemaVersion, MessageKinds.NodeCompleted, runId, null, result), cancellationToken);
        crashPoints.Hit(CrashPoints.WorkerCompletionSent);
    }

    /// <summary>Records a work item that could not be processed (poison) as a failed attempt, so the run sees the failure.</summary>
    /// <param name="item">The work item.</param>
    /// <param name="reason">Why it is poison.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task that completes when the failure is stored and reported.</returns>
    public async Task FailPoisonAsync(WorkItemMessage item, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var now = time.GetUtcNow();
        var failure = new NodeResult(item.NodeId, item.Attempt, false, null, $"Work item dead-lettered: {reason}", now, now,
            null, null, false, 0, 0, 0, new JsonObject { ["poison"] = true }) { Iteration = item.Iteration };
        var stored = await store.AddResultAsync(item.RunId, failure, cancellationToken);
        await SendCompletionAsync(item.RunId, stored, cancellationToken);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Work item {RunId}/{NodeId}#{Attempt} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string runId, string nodeId, int attempt, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Executing {RunId}/{NodeId}#{Attempt}")]
    private static partial void LogExecuting(ILogger logger, string runId, string nodeId, int attempt);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Executed {RunId}/{NodeId}#{Attempt}: succeeded={Succeeded} in {DurationMs} ms {Error}")]
    private static partial void LogExecuted(ILogger logger, string runId, string nodeId, int attempt, bool succeeded, long durationMs, string error);
}
