using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Storage;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Learning.Storage;

/// <summary>
/// The learning loop's Table storage: one table (<see cref="LearningOptions.Table"/>), one partition per skill
/// (<c>domain~skill</c>), row keys by kind — <c>corr|CORR-000001</c>, <c>dedup|&lt;hash&gt;</c>, <c>refl|REFL-001</c>,
/// <c>test|TEST-001</c>, <c>val|VAL-001</c>, <c>vtest|VAL-001|TEST-001</c>, <c>vrule|VAL-001|REFL-001</c>,
/// <c>exec|&lt;run&gt;|&lt;node&gt;|&lt;attempt&gt;</c> and <c>counter|CORR</c> (one per id kind). Every row that takes a
/// new id is inserted in <b>one entity-group transaction with its counter</b>, guarded by the counter's ETag, so
/// concurrent writers never share an id and a crash never leaves a gap or a half-written row. Inputs and outputs over
/// 16 K characters go to the payload container through <see cref="PayloadStore"/>.
/// </summary>
public sealed partial class KnowledgeStore
{
    private const int MaxConflictRetries = 60;
    private readonly QueueServiceClient _queues;
    private readonly TableClient _table;
    private readonly PayloadStore _payloads;
    private readonly LearningOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="clients">The storage clients.</param>
    /// <param name="payloads">Where large inputs and outputs go.</param>
    /// <param name="options">Table and queue names.</param>
    /// <param name="time">The clock for timestamps.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public KnowledgeStore(StorageClients clients, PayloadStore payloads, IOptions<LearningOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(payloads);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _queues = clients.Queues;
        _options = options.Value;
        _table = clients.Tables.GetTableClient(_options.Table);
        _payloads = payloads;
        _time = time;
    }

    /// <summary>Gets the learning options.</summary>
    public LearningOptions Options => _options;

    internal TimeProvider Time => _time;

    /// <summary>Creates the knowledge table, the corrections and validations queues (with their <c>-poison</c> queues) and the payload container if missing.</summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>A task that completes when everything exists.</returns>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        foreach (var queue in new[] { _options.CorrectionsQueue, _options.ValidationsQueue })
        {
            await _queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await _queues.GetQueueClient(Messaging.DeadLetterQueue.PoisonQueueOf(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        await _payloads.EnsureCreatedAsync(cancellationToken);
    }

    /// <summary>Lists the skills that have any knowledge (corrections, executions, rules or tests).</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Skill ids <c>domain/skill</c>, ordered.</returns>
    public async Task<IReadOnlyList<string>> ListSkillsAsync(CancellationToken cancellationToken = default)
    {
        var skills = new List<string>();
        await foreach (var row in _table.QueryPrefixAsync(KnowledgeKeys.SkillsPartition, string.Empty, cancellationToken))
        {
            if (row.GetString("SkillId") is { } id)
            {
                skills.Add(id);
            }
        }

        return [.. skills.Order(StringComparer.Ordinal)];
    }

    internal async Task RegisterSkillAsync(string skillId, CancellationToken cancellationToken)
    {
        var row = new TableEntity(KnowledgeKeys.SkillsPartition, KnowledgeKeys.Partition(skillId)) { ["SkillId"] = skillId };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// One attempt to insert rows under a new id of <paramref name="kind"/>: reads the skill's counter, builds the rows
    /// for the next id, and submits them together with the incremented counter (ETag-guarded).
    /// </summary>
    /// <returns>The id, or null when another writer got there first (409/412): re-read and try again.</returns>
    private async Task<string?> TryAddWithNewIdAsync(string partition, string kind, Func<string, IEnumerable<TableTransactionAction>> build, CancellationToken cancellationToken)
    {
        var key = KnowledgeKeys.Counter(kind);
        var counter = await _table.GetOrNullAsync(partition, key, cancellationToken);
        var next = (counter?.GetLong("Last") ?? 0) + 1;
        var id = KnowledgeKeys.FormatId(kind, next);
        var row = new TableEntity(partition, key) { ["Last"] = next };
        var bump = counter is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateMerge, row, counter.ETag);
        return await TrySubmitAsync([bump, .. build(id)], cancellationToken) ? id : null;
    }

    private async Task<bool> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    private static async Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        if (attempt >= MaxConflictRetries)
        {
            throw new InvalidOperationException($"The knowledge rows kept changing for {MaxConflictRetries} attempts; giving up (the caller retries later).");
        }

        // Jitter spreads concurrent writers of one partition apart (one of them wins each round).
#pragma warning disable CA5394 // Random is fine for jitter: nothing here is security-sensitive.
        await Task.Delay(Random.Shared.Next(1, Math.Min(5 + (attempt * 5), 50)), cancellationToken);
#pragma warning restore CA5394
    }

    private static void CopyProperties(TableEntity from, TableEntity to)
    {
        foreach (var (name, value) in from.UserProperties())
        {
            to[name] = value;
        }
    }
}
