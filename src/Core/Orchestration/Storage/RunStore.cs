using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration.FaultInjection;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;
using Azure;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>
/// Reads and writes run state: one partition per run in the Runs table (header, nodes, results, events, outbox),
/// and sends the outbox. Every state change of a run is one entity-group transaction guarded by the header's ETag.
/// </summary>
public sealed partial class RunStore
{
    private readonly IStorageAccount _account;
    private readonly ITableClient _table;
    private readonly PayloadStore _payloads;
    private readonly RunEntityMapper _mapper;
    private readonly OrchestrationOptions _options;
    private readonly TimeProvider _time;
    private readonly QueueSignals? _signals;
    private readonly CrashPoints? _crashPoints;

    /// <summary>Creates the store.</summary>
    /// <param name="account">The storage account.</param>
    /// <param name="payloads">Large-payload store.</param>
    /// <param name="options">Queue, table and container names.</param>
    /// <param name="time">Clock for failure timestamps.</param>
    /// <param name="signals">Wakes this process's queue pollers after a send (null: pollers only poll).</param>
    /// <param name="crashPoints">Step boundaries a test may crash at (null: none).</param>
    public RunStore(IStorageAccount account, PayloadStore payloads, IOptions<OrchestrationOptions> options, TimeProvider time, QueueSignals? signals = null, CrashPoints? crashPoints = null)
    {
        _crashPoints = crashPoints;
        _time = time;
        _signals = signals;
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(options);
        _account = account;
        _payloads = payloads;
        _mapper = new RunEntityMapper(payloads);
        _options = options.Value;
        _table = account.GetTableClient(_options.RunsTable);
    }

    /// <summary>Gets the options (queue names).</summary>
    public OrchestrationOptions Options => _options;

    /// <summary>Gets the payload store.</summary>
    public PayloadStore Payloads => _payloads;

    /// <summary>Creates the table, the queues with their poison queues, and the payload container if missing.</summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>A task that completes when everything exists.</returns>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        foreach (var queue in new[] { _options.OrchestratorQueue, _options.WorkItemQueue, _options.RunRequestQueue })
        {
            await _account.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken);
            await _account.GetQueueClient(OrchestrationOptions.PoisonQueueOf(queue)).CreateIfNotExistsAsync(cancellationToken);
        }

        await _payloads.Container.CreateIfNotExistsAsync(cancellationToken);
    }

    /// <summary>Gets a queue client by name.</summary>
    /// <param name="queue">The queue name.</param>
    /// <returns>The client.</returns>
    public IQueueClient Queue(string queue) => _account.GetQueueClient(queue);

    /// <summary>Reads a run's header.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The header, its ETag and the graph YAML; null when the run does not exist.</returns>
    public async Task<(RunHeader Header, string ETag, string GraphYaml)?> GetHeaderAsync(string runId, CancellationToken cancellationToken = default)
    {
        var e = await _table.GetEntityAsync(runId, RunRowKeys.Header, cancellationToken);
        if (e is null)
        {
            return null;
        }

        var (header, yaml) = await _mapper.ToHeaderAsync(e, cancellationToken);
        return (header, e.ETag ?? "*", yaml);
    }

    /// <summary>
    /// Loads what the orchestrator needs: header, node rows and outbox rows (two storage operations for runs up to 1,000
    /// rows). A step left half-written by a crash (a pending journal) is finished first.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The run, or null when it has no header yet.</returns>
    public async Task<LoadedRun?> LoadAsync(string runId, CancellationToken cancellationToken = default)
    {
        TableEntity? entity;
        while (true)
        {
            entity = await _table.GetEntityAsync(runId, RunRowKeys.Header, cancellationToken);
            try
            {
                if (entity is null || !await RollForwardAsync(runId, entity, cancellationToken))
                {
                    break;
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Another process moved the journal on meanwhile; read the header again.
            }
        }

        if (entity is null)
        {
            return null;
        }

        var (header, yaml) = await _mapper.ToHeaderAsync(entity, cancellationToken);

        var nodes = new Dictionary<string, NodeState>(StringComparer.Ordinal);
        var outbox = new List<OutboxRow>();
        var query = new TableQuery(runId, RunRowKeys.NodePrefix, RunRowKeys.OutboxPrefix[..^1] + "}");
        await foreach (var e in _table.QueryAllAsync(query, cancellationToken))
        {
            if (e.RowKey.StartsWith(RunRowKeys.NodePrefix, StringComparison.Ordinal))
            {
                var node = await _mapper.ToNodeAsync(e, cancellationToken);
                nodes[node.NodeId] = node;
            }
            else if (e.RowKey.StartsWith(RunRowKeys.OutboxPrefix, StringComparison.Ordinal))
            {
                var json = await _payloads.GetPropertyAsync(e, "Messages", cancellationToken) ?? "[]";
                outbox.Add(new OutboxRow(e.RowKey, JsonSerializer.Deserialize<List<OutboxMessage>>(json, MessageCodec.Options) ?? []));
            }
        }

        return new LoadedRun(header, entity.ETag ?? "*", yaml, nodes, outbox);
    }

    /// <summary>Inserts a new run's header; a header that already exists (the orchestrator created it first) is left as it is.</summary>
    /// <param name="creation">The run to create.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when this call created it.</returns>
    public async Task<bool> TryCreateHeaderAsync(RunCreation creation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(creation);
        try
        {
            await _table.AddEntityAsync(await _mapper.ToEntityAsync(NewHeader(creation), creation.GraphYaml, cancellationToken), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Builds the header of a run that has not started.</summary>
    /// <param name="creation">The run to create.</param>
    /// <returns>A pending header.</returns>
    public static RunHeader NewHeader(RunCreation creation)
    {
        ArgumentNullException.ThrowIfNull(creation);
        return new RunHeader(
            creation.RunId, creation.GraphName, creation.GraphHash, RunStatus.Pending, creation.Inputs.DeepClone().AsObject(),
            creation.CreatedAt, null, null, null, creation.BudgetUsd, 0, 0, 1, creation.Source, creation.Replay);
    }

    /// <summary>Reads the events of a run after a cursor.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="afterSeq">Return events with a sequence number above this (0 for all).</param>
    /// <param name="maxEvents">Most events to return.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Events in sequence order.</returns>
    public async Task<IReadOnlyList<RunEvent>> ReadEventsAsync(string runId, long afterSeq, int maxEvents, CancellationToken cancellationToken = default)
    {
        var events = new List<RunEvent>();
        var query = new TableQuery(runId, RunRowKeys.Events(afterSeq + 1), RunRowKeys.EventPrefix[..^1] + "}");
        await foreach (var e in _table.QueryAllAsync(query, cancellationToken))
        {
            var json = await _payloads.GetPropertyAsync(e, "Events", cancellationToken) ?? "[]";
            foreach (var ev in JsonSerializer.Deserialize<List<RunEvent>>(json, MessageCodec.Options) ?? [])
            {
                if (ev.Seq > afterSeq)
                {
                    events.Add(ev);
                }
            }

            if (events.Count >= maxEvents)
            {
                break;
            }
        }

        return events.Count > maxEvents ? events[..maxEvents] : events;
    }

    /// <summary>Reads every node row of a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Node states by id (nodes never written are absent).</returns>
    public async Task<IReadOnlyDictionary<string, NodeState>> ReadNodesAsync(string runId, CancellationToken cancellationToken = default)
    {
        var nodes = new Dictionary<string, NodeState>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAllAsync(TableQuery.WithPrefix(runId, RunRowKeys.NodePrefix), cancellationToken))
        {
            var node = await _mapper.ToNodeAsync(e, cancellationToken);
            nodes[node.NodeId] = node;
        }

        return nodes;
    }

    private static JsonArray ToJsonArray<T>(IEnumerable<T> items) =>
        JsonSerializer.SerializeToNode(items, MessageCodec.Options)!.AsArray();
}
