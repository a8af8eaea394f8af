using System.Text.Json;
using AgentFunctions.Core.Orchestration.Durable;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <content>Writing a record batch: node rows, the events row and the header, in entity-group transactions.</content>
public sealed partial class TableRunStore
{
    // Bytes of payload per transaction, at most (the service allows 4 MiB; each row's strings are counted twice, as UTF-16).
    private const int MaxTransactionPayloadBytes = 2 * 1024 * 1024;

    // The header property holding the version of the last batch written.
    private const string RecordVersion = "RecordVersion";

    /// <inheritdoc/>
    /// <remarks>
    /// Writes are ordered by <see cref="RunRecordBatch.Version"/>: the header row keeps the version last written
    /// (<c>RecordVersion</c>) and every transaction of the batch updates it under the header's ETag, so a late copy of an
    /// older batch (a record activity delivered again) is skipped, or fails its next transaction, instead of overwriting
    /// rows that later batches wrote.
    /// </remarks>
    public async Task WriteAsync(RunRecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var rows = await RowsAsync(batch, cancellationToken);
        var header = batch.Header is null ? null : await _mapper.ToEntityAsync(batch.Header, batch.GraphYaml, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _table.GetOrNullAsync(batch.RunId, RunRowKeys.Header, cancellationToken);
            if (stored?.GetLong(RecordVersion) is { } written && written > batch.Version)
            {
                return; // a later batch was written: this one is a stale copy
            }

            try
            {
                await WriteChunksAsync(batch, rows, header, stored?.ETag, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                // The header changed meanwhile (created by the API, or a later batch began): look again.
            }
        }
    }

    private async Task<List<TableEntity>> RowsAsync(RunRecordBatch batch, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>(batch.Nodes.Count + 1);
        foreach (var node in batch.Nodes)
        {
            rows.Add(await _mapper.ToEntityAsync(batch.RunId, node, cancellationToken));
        }

        // One row per event, keyed by its sequence number. An orchestration episode whose history was not committed (its
        // host died after sending its messages) can still have its record activity run; the episode that replaces it may
        // batch the same sequence numbers differently. With a row per number the replacement overwrites each one, and
        // readers stop at the header's NextEventSeq, so no stale event survives next to its replacement.
        foreach (var e in batch.Events)
        {
            var row = new TableEntity(batch.RunId, RunRowKeys.Events(e.Seq))
            {
                ["FirstSeq"] = e.Seq,
                ["Count"] = 1,
            };
            await _payloads.SetPropertyAsync(row, "Events", JsonSerializer.Serialize(new[] { e }, MessageCodec.Options), cancellationToken);
            rows.Add(row);
        }

        return rows;
    }

    // Each transaction carries the header, guarded by the ETag the previous one left: rows first, the full header last.
    private async Task WriteChunksAsync(RunRecordBatch batch, List<TableEntity> rows, TableEntity? header, ETag? etag, CancellationToken cancellationToken)
    {
        var chunks = Chunks(rows).ToList();
        if (chunks.Count == 0)
        {
            chunks.Add([]);
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            var last = i == chunks.Count - 1;
            var mark = last && header is not null ? header : new TableEntity(batch.RunId, RunRowKeys.Header);
            mark[RecordVersion] = batch.Version;
            var actions = chunks[i].Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToList();
            actions.Add(etag is { } current
                ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, mark, current)
                : new TableTransactionAction(TableTransactionActionType.Add, mark));
            var responses = (await _table.SubmitTransactionAsync(actions, cancellationToken)).Value;
            etag = responses[^1].Headers.ETag;
        }
    }

    // Consecutive groups of at most 99 rows (the header makes 100) and about 2 MiB each, in order.
    private static IEnumerable<List<TableEntity>> Chunks(List<TableEntity> rows)
    {
        var chunk = new List<TableEntity>();
        var bytes = 0;
        foreach (var row in rows)
        {
            var size = Size(row);
            if (chunk.Count > 0 && (chunk.Count == StorageLimits.MaxTransactionActions - 1 || bytes + size > MaxTransactionPayloadBytes))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }

            chunk.Add(row);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static int Size(TableEntity e) => e.Sum(kv => (kv.Key.Length + ((kv.Value as string)?.Length ?? 8)) * 2) + 256;
}
