using System.Globalization;
using System.Text.Json;
using AgentFunctions.Core.Orchestration.FaultInjection;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <content>
/// Steps that change more node rows than one entity-group transaction holds (a fan-out of 10,000, cancelling a wide run):
/// the first transaction commits the header, the events, the outbox and a journal row holding every changed node; the node
/// rows follow in chunks, each chunk in one transaction with a header merge guarded by the header's ETag that records the
/// progress; the last chunk clears the journal. Whoever loads the run next finishes a journal left pending by a crash
/// (roll-forward, as in write-ahead logging), so readers of the orchestrator see either the whole step or none of it, and
/// the outbox is sent only after the journal is complete. The ETag guard makes a slow writer's late chunk fail instead of
/// overwriting a newer step.
/// </content>
public sealed partial class RunStore
{
    /// <summary>Node rows per chunk transaction: 100 actions less the header merge and the journal delete.</summary>
    internal const int JournalChunkRows = StorageLimits.MaxTransactionActions - 2;

    private const string JournalProperty = "Journal";
    private const string JournalNextProperty = "JournalNext";

    private async Task<string> CommitJournaledAsync(
        string runId, TableEntity header, TableTransactionAction headerAction, List<TableTransactionAction> rest, IReadOnlyList<NodeState> nodes, CancellationToken cancellationToken)
    {
        var journalId = string.Create(CultureInfo.InvariantCulture, $"{header["NextEventSeq"]}-{Guid.NewGuid():N}");
        header[JournalProperty] = journalId;
        header[JournalNextProperty] = 0L;
        var journal = new TableEntity(runId, RunRowKeys.Journal) { ["Id"] = journalId, ["Count"] = (long)nodes.Count };
        await _payloads.SetPropertyAsync(journal, "Nodes", JsonSerializer.Serialize(nodes, MessageCodec.Options), cancellationToken);
        var first = new List<TableTransactionAction> { headerAction with { Entity = header } };
        first.AddRange(rest);
        first.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, journal));
        var etags = await _table.SubmitTransactionAsync(first, cancellationToken);
        _crashPoints?.Hit(CrashPoints.JournalBegun);
        return await ApplyJournalAsync(runId, journalId, 0, nodes, etags[0] ?? "*", cancellationToken);
    }

    // Writes the chunks from `next` on; each one moves the header's progress under its ETag. Returns the final header ETag.
    private async Task<string> ApplyJournalAsync(string runId, string journalId, int next, IReadOnlyList<NodeState> nodes, string etag, CancellationToken cancellationToken)
    {
        var chunks = (nodes.Count + JournalChunkRows - 1) / JournalChunkRows;
        for (var chunk = next; chunk < chunks; chunk++)
        {
            var last = chunk == chunks - 1;
            var progress = new TableEntity(runId, RunRowKeys.Header)
            {
                [JournalProperty] = last ? string.Empty : journalId,
                [JournalNextProperty] = (long)(chunk + 1),
            };
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateMerge, progress, etag) };
            foreach (var node in nodes.Skip(chunk * JournalChunkRows).Take(JournalChunkRows))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, await _mapper.ToEntityAsync(runId, node, cancellationToken)));
            }

            if (last)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(runId, RunRowKeys.Journal), "*"));
            }

            etag = (await _table.SubmitTransactionAsync(actions, cancellationToken))[0] ?? "*";
            if (!last)
            {
                _crashPoints?.Hit(CrashPoints.JournalChunkWritten);
            }
        }

        return etag;
    }

    /// <summary>Finishes a step whose node rows were only partly written (the writer crashed or is slow), then returns.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="header">The header entity as read, with its ETag.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>True when a journal was pending (the caller reads the run again), false when there was none.</returns>
    /// <exception cref="TableTransactionFailedException">412: someone else moved the journal on first; read again.</exception>
    private async Task<bool> RollForwardAsync(string runId, TableEntity header, CancellationToken cancellationToken)
    {
        if (header.GetString(JournalProperty) is not { Length: > 0 } journalId)
        {
            return false;
        }

        var row = await _table.GetEntityAsync(runId, RunRowKeys.Journal, cancellationToken);
        if (row?.GetString("Id") == journalId)
        {
            var json = await _payloads.GetPropertyAsync(row, "Nodes", cancellationToken) ?? "[]";
            var nodes = JsonSerializer.Deserialize<List<NodeState>>(json, MessageCodec.Options) ?? [];
            await ApplyJournalAsync(runId, journalId, (int)(header.GetInt64(JournalNextProperty) ?? 0), nodes, header.ETag ?? "*", cancellationToken);
        }

        return true;
    }
}
