using System.Text.Json;
using AgentFunctions.Core.Orchestration.Messages;
using Azure;
using Azure.Data.Tables;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <content>
/// Attempt rows: one query reads the header and the attempt's row together, then an insert claims the attempt (or an
/// update re-claims one whose host died) and, when the node has run, a conditional update stores the result — first
/// writer wins, so a second execution of the same attempt (a redelivered activity) returns what the first one stored.
/// </content>
public sealed partial class TableRunStore
{
    private const int MaxClaimRounds = 10;

    /// <inheritdoc/>
    public async Task<AttemptStart> BeginAttemptAsync(AttemptKey key, string claimant, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var rowKey = RunRowKeys.Attempt(key.NodeId, key.Iteration, key.Attempt);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key.RunId} and (RowKey eq {RunRowKeys.Header} or RowKey eq {rowKey})");
        for (var round = 0; round < MaxClaimRounds; round++)
        {
            TableEntity? header = null, attempt = null;
            await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (e.RowKey == RunRowKeys.Header)
                {
                    header = e;
                }
                else
                {
                    attempt = e;
                }
            }

            if (header is null)
            {
                return new AttemptStart.RunMissing();
            }

            if (attempt is not null && await _payloads.GetPropertyAsync(attempt, "Result", cancellationToken) is { } stored)
            {
                return new AttemptStart.Stored(JsonSerializer.Deserialize<NodeResult>(stored, MessageCodec.Options)!);
            }

            var run = await _mapper.ToHeaderAsync(header, cancellationToken);
            if (attempt is null && run.Header.Status is RunStatus.Failed or RunStatus.Cancelled)
            {
                return new AttemptStart.Withdrawn(run.Header.Status);
            }

            var claim = new TableEntity(key.RunId, rowKey)
            {
                ["NodeId"] = key.NodeId,
                ["Iteration"] = key.Iteration,
                ["Attempt"] = key.Attempt,
                ["ClaimedAt"] = now,
                ["Claimant"] = claimant,
                ["Claims"] = (attempt?.GetInt32("Claims") ?? 0) + 1,
            };
            try
            {
                var response = attempt is null
                    ? await _table.AddEntityAsync(claim, cancellationToken)
                    : await _table.UpdateEntityAsync(claim, attempt.ETag, TableUpdateMode.Merge, cancellationToken);
                return new AttemptStart.Claimed(response.Headers.ETag?.ToString() ?? "*", run, attempt is not null);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another execution of the same attempt claimed it (or stored its result) meanwhile: look again.
            }
        }

        throw new InvalidOperationException($"Attempt {rowKey} of run {key.RunId} kept changing while it was being claimed.");
    }

    /// <inheritdoc/>
    public async Task<NodeResult> EndAttemptAsync(AttemptKey key, NodeResult result, string claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(result);
        var rowKey = RunRowKeys.Attempt(key.NodeId, key.Iteration, key.Attempt);
        var etag = new ETag(claim);
        for (var round = 0; round < MaxClaimRounds; round++)
        {
            var row = new TableEntity(key.RunId, rowKey)
            {
                ["NodeId"] = key.NodeId,
                ["Iteration"] = key.Iteration,
                ["Attempt"] = key.Attempt,
                ["Succeeded"] = result.Succeeded,
                ["CompletedAt"] = result.CompletedAt,
            };
            await _payloads.SetPropertyAsync(row, "Result", JsonSerializer.Serialize(result, MessageCodec.Options), cancellationToken);
            try
            {
                await _table.UpdateEntityAsync(row, etag, TableUpdateMode.Merge, cancellationToken);
                return result;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                var current = await _table.GetEntityIfExistsAsync<TableEntity>(key.RunId, rowKey, cancellationToken: cancellationToken);
                if (!current.HasValue || current.Value is null)
                {
                    await _table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken); // the claim row is gone
                    return result;
                }

                if (await _payloads.GetPropertyAsync(current.Value, "Result", cancellationToken) is { } stored)
                {
                    return JsonSerializer.Deserialize<NodeResult>(stored, MessageCodec.Options)!;
                }

                etag = current.Value.ETag; // re-claimed by an execution that has not finished: the first result wins
            }
        }

        throw new InvalidOperationException($"The result of attempt {rowKey} of run {key.RunId} could not be stored.");
    }
}
