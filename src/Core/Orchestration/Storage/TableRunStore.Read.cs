using System.Text.Json;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;
using Azure.Data.Tables;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <content>Reading a run back: nodes with their attempts, events after a cursor, stored results.</content>
public sealed partial class TableRunStore
{
    /// <inheritdoc/>
    public async Task<RunRecord?> ReadAsync(string runId, CancellationToken cancellationToken = default)
    {
        // One query for everything but the events: attempt rows sort first, then (after the events) node rows and the header.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {runId} and (RowKey lt {RunRowKeys.EventPrefix} or RowKey ge {RunRowKeys.NodePrefix})");
        StoredRunHeader? header = null;
        var nodes = new Dictionary<string, NodeState>(StringComparer.Ordinal);
        var attempts = new List<AttemptRow>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (e.RowKey == RunRowKeys.Header)
            {
                header = await _mapper.ToHeaderAsync(e, cancellationToken);
            }
            else if (e.RowKey.StartsWith(RunRowKeys.NodePrefix, StringComparison.Ordinal))
            {
                var node = await _mapper.ToNodeAsync(e, cancellationToken);
                nodes[node.NodeId] = node;
            }
            else if (e.RowKey.StartsWith(RunRowKeys.AttemptPrefix, StringComparison.Ordinal))
            {
                attempts.Add(await ToAttemptAsync(e, cancellationToken));
            }
        }

        return header is null ? null : new RunRecord(header.Header, header.GraphYaml, RunRecordAssembler.Merge(nodes, attempts));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RunEvent>> ReadEventsAsync(string runId, long afterSeq, int maxEvents, CancellationToken cancellationToken = default)
    {
        // Only events the header has caught up with: rows beyond its NextEventSeq can be left by an episode that was
        // replaced (see WriteAsync), and those below it have been rewritten by its replacement.
        var header = await _table.GetOrNullAsync(runId, RunRowKeys.Header, cancellationToken);
        var end = header?.GetInt64("NextEventSeq") ?? 1;
        var events = new SortedDictionary<long, RunEvent>();
        if (afterSeq + 1 >= end)
        {
            return [];
        }

        var filter = RangeFilter(runId, RunRowKeys.Events(afterSeq + 1), RunRowKeys.Events(end));
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var json = await _payloads.GetPropertyAsync(e, "Events", cancellationToken) ?? "[]";
            foreach (var ev in JsonSerializer.Deserialize<List<RunEvent>>(json, MessageCodec.Options) ?? [])
            {
                if (ev.Seq > afterSeq && ev.Seq < end)
                {
                    events[ev.Seq] = ev; // one event per sequence number, the later row's if rows overlap
                }
            }

            if (events.Count >= maxEvents)
            {
                break;
            }
        }

        return [.. events.Values.Take(maxEvents)];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<NodeResult>> ReadResultsAsync(string runId, CancellationToken cancellationToken = default)
    {
        var results = new List<NodeResult>();
        var filter = RangeFilter(runId, RunRowKeys.AttemptPrefix, RunRowKeys.After(RunRowKeys.AttemptPrefix));
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if ((await ToAttemptAsync(e, cancellationToken)).Result is { } result)
            {
                results.Add(result);
            }
        }

        return results;
    }

    private async Task<AttemptRow> ToAttemptAsync(TableEntity e, CancellationToken cancellationToken)
    {
        var json = await _payloads.GetPropertyAsync(e, "Result", cancellationToken);
        return new AttemptRow(
            e.GetString("NodeId") ?? string.Empty,
            e.GetInt32("Iteration") ?? 1,
            e.GetInt32("Attempt") ?? 1,
            e.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue,
            e.GetString("Claimant") ?? string.Empty,
            json is null ? null : JsonSerializer.Deserialize<NodeResult>(json, MessageCodec.Options));
    }
}
