using System.Text.Json;
using AgentFunctions.Core.Orchestration.FaultInjection;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;

namespace AgentFunctions.Core.Orchestration.Storage;

public sealed partial class RunStore
{
    private const string DeliveryIdProperty = "DeliveryId";
    private const int MaxConcurrentSends = 16;

    /// <summary>
    /// Commits a transition atomically: the header (guarded by <paramref name="headerETag"/>, or inserted when
    /// <paramref name="creation"/> is given), the changed nodes, one events row and one outbox row. A step that fits one
    /// entity-group transaction (100 rows) is one transaction; a larger one goes through a journal (see
    /// <see cref="JournalChunkRows"/>): one transaction per 98 node rows, all guarded by the header's ETag.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="headerETag">The ETag of the header the transition was computed from; null when creating the header.</param>
    /// <param name="creation">When the header does not exist yet: the run to create.</param>
    /// <param name="result">The transition.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The outbox row written (to flush; null when the transition sends nothing) and the header's new ETag.</returns>
    /// <exception cref="TableTransactionFailedException">412 or 409: another orchestrator committed first; reload and retry.</exception>
    public async Task<CommitResult> CommitAsync(string runId, string? headerETag, RunCreation? creation, TransitionResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var headerEntity = await _mapper.ToEntityAsync(result.Header, creation?.GraphYaml, cancellationToken);
        var headerAction = creation is null
            ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, headerEntity, headerETag)
            : new TableTransactionAction(TableTransactionActionType.Add, headerEntity);
        var rest = new List<TableTransactionAction>();
        if (result.Events.Count > 0)
        {
            var eventsRow = new TableEntity(runId, RunRowKeys.Events(result.Events[^1].Seq))
            {
                ["FirstSeq"] = result.Events[0].Seq,
                ["Count"] = result.Events.Count,
            };
            await _payloads.SetPropertyAsync(eventsRow, "Events", ToJsonArray(result.Events).ToJsonString(), cancellationToken);
            rest.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, eventsRow));
        }

        OutboxRow? outbox = null;
        if (result.Dispatches.Count > 0)
        {
            var messages = new List<OutboxMessage>();
            foreach (var dispatch in result.Dispatches)
            {
                var text = MessageCodec.Serialize(new WorkItemMessage(MessageKinds.SchemaVersion, MessageKinds.NodeExecute, runId, dispatch.NodeId, dispatch.Attempt, dispatch.Iteration) { Reads = dispatch.Reads });
                messages.Add(new OutboxMessage(_options.WorkItemQueue, text, (long)dispatch.Delay.TotalMilliseconds));
            }

            outbox = new OutboxRow(RunRowKeys.Outbox(result.Events.Count > 0 ? result.Events[0].Seq : result.Header.NextEventSeq), messages);
            var row = new TableEntity(runId, outbox.RowKey) { ["Count"] = messages.Count };
            await _payloads.SetPropertyAsync(row, "Messages", ToJsonArray(messages).ToJsonString(), cancellationToken);
            rest.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }

        if (1 + rest.Count + result.ChangedNodes.Count > StorageLimits.MaxTransactionActions)
        {
            return new CommitResult(outbox, await CommitJournaledAsync(runId, headerEntity, headerAction, rest, result.ChangedNodes, cancellationToken));
        }

        var actions = new List<TableTransactionAction> { headerAction };
        foreach (var node in result.ChangedNodes)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, await _mapper.ToEntityAsync(runId, node, cancellationToken)));
        }

        actions.AddRange(rest);
        var etags = await _table.SubmitTransactionAsync(actions, cancellationToken);
        return new CommitResult(outbox, etags[0] ?? "*");
    }

    /// <summary>Sends every message of the outbox rows, then deletes the rows. Safe to repeat: receivers ignore duplicates.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="rows">The rows to flush.</param>
    /// <param name="cancellationToken">Cancels the sends.</param>
    /// <returns>A task that completes when the messages are sent and the rows deleted.</returns>
    public async Task FlushOutboxAsync(string runId, IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentSends, CancellationToken = cancellationToken };
        foreach (var row in rows)
        {
            // The order of a step's messages does not matter (each is a separate work item), so a wide fan-out is sent
            // with several requests in flight; the row goes only after every one of them was sent.
            await Parallel.ForEachAsync(row.Messages, parallel, async (message, ct) =>
            {
                var delay = message.DelayMs > 0 ? TimeSpan.FromMilliseconds(message.DelayMs) : (TimeSpan?)null;
                await _account.GetQueueClient(message.Queue).SendMessageAsync(message.Text, delay, cancellationToken: ct);
                if (delay is null)
                {
                    _signals?.Notify(message.Queue);
                }

                _crashPoints?.Hit(CrashPoints.OutboxMessageSent);
            });

            _crashPoints?.Hit(CrashPoints.OutboxSent);
            await _table.DeleteEntityAsync(runId, row.RowKey, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Reads one node row with its ETag.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="nodeId">The node.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The node, its ETag and the id of the work-item delivery that marked it running (null if none); null when the row does not exist.</returns>
    public async Task<(NodeState Node, string ETag, string? DeliveryId)?> GetNodeAsync(string runId, string nodeId, CancellationToken cancellationToken = default)
    {
        var e = await _table.GetEntityAsync(runId, RunRowKeys.Node(nodeId), cancellationToken);
        return e is null ? null : (await _mapper.ToNodeAsync(e, cancellationToken), e.ETag ?? "*", e.GetString(DeliveryIdProperty));
    }

    /// <summary>Marks a scheduled node as running, only if its row is unchanged since it was read.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="nodeId">The node.</param>
    /// <param name="etag">The ETag read with the node.</param>
    /// <param name="startedAt">When the worker started.</param>
    /// <param name="deliveryId">The queue message id of the work item (a redelivery keeps it; a duplicate message has another), or null.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when marked; false when the row changed meanwhile (412).</returns>
    public async Task<bool> TryMarkRunningAsync(string runId, string nodeId, string etag, DateTimeOffset startedAt, string? deliveryId, CancellationToken cancellationToken = default)
    {
        var e = new TableEntity(runId, RunRowKeys.Node(nodeId)) { ["Status"] = NodeStatus.Running.ToWire(), ["StartedAt"] = startedAt, [DeliveryIdProperty] = deliveryId };
        try
        {
            await _table.UpdateEntityAsync(e, etag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Reads the stored result of a node attempt in the first loop iteration.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="nodeId">The node.</param>
    /// <param name="attempt">The attempt.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The result, or null when none was written.</returns>
    public Task<NodeResult?> GetResultAsync(string runId, string nodeId, int attempt, CancellationToken cancellationToken = default) =>
        GetResultAsync(runId, nodeId, 1, attempt, cancellationToken);

    /// <summary>Reads the stored result of a node attempt.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="nodeId">The node, or a for_each instance id.</param>
    /// <param name="iteration">The loop iteration (1 outside loops).</param>
    /// <param name="attempt">The attempt.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The result, or null when none was written.</returns>
    public async Task<NodeResult?> GetResultAsync(string runId, string nodeId, int iteration, int attempt, CancellationToken cancellationToken = default)
    {
        var e = await _table.GetEntityAsync(runId, RunRowKeys.Result(nodeId, attempt, iteration), cancellationToken);
        return e is null ? null : await _mapper.ToResultAsync(e, cancellationToken);
    }

    /// <summary>Stores a node attempt's result exactly once: when one is already stored, that one wins and is returned.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored result (this one, or the earlier one).</returns>
    public async Task<NodeResult> AddResultAsync(string runId, NodeResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            await _table.AddEntityAsync(await _mapper.ToEntityAsync(runId, result, cancellationToken), cancellationToken);
            return result;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            return await GetResultAsync(runId, result.NodeId, result.Iteration, result.Attempt, cancellationToken)
                ?? throw new InvalidOperationException($"Result of {runId}/{result.NodeId}#{result.Attempt} conflicted but cannot be read.", ex);
        }
    }

    /// <summary>Reads every stored result row of a run (all attempts of all nodes and instances, in every loop iteration).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The results ordered by node, iteration and attempt.</returns>
    public async Task<IReadOnlyList<NodeResult>> ReadResultsAsync(string runId, CancellationToken cancellationToken = default)
    {
        var results = new List<NodeResult>();
        await foreach (var e in _table.QueryAllAsync(TableQuery.WithPrefix(runId, RunRowKeys.ResultPrefix), cancellationToken))
        {
            results.Add(await _mapper.ToResultAsync(e, cancellationToken));
        }

        return results;
    }

    /// <summary>Sends an orchestrator message (wrapped in a blob reference when large).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the message is enqueued.</returns>
    public async Task SendToOrchestratorAsync(string runId, OrchestratorMessage message, CancellationToken cancellationToken = default)
    {
        var text = await _payloads.WrapMessageAsync(runId, JsonSerializer.Serialize(message, MessageCodec.Options), cancellationToken);
        await _account.GetQueueClient(_options.OrchestratorQueue).SendMessageAsync(text, cancellationToken: cancellationToken);
        _signals?.Notify(_options.OrchestratorQueue);
    }
}
