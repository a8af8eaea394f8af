using AgentFunctions.Core.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Limits;

/// <summary>
/// Caps how many runs of a domain may be pending or running at once (<c>limits.max_concurrent_runs</c> in <c>DOMAIN.md</c>). Each
/// admitted run holds a row in table <c>RunSlots</c> (partition = domain, row = run id). To admit a run, its row is inserted first
/// and the partition counted after, skipping (and deleting) rows of runs that have ended; if the count exceeds the cap the row is
/// removed again and the run refused. Two hosts admitting at once can thus both refuse, but never both exceed the cap. No end-of-run
/// hook is needed: a slot is freed when a later admission finds its run ended, so a crash cannot leak a slot.
/// </summary>
public sealed class RunSlots
{
    private readonly TableClient _table;

    /// <summary>How long a slot whose run does not exist still counts: 10 minutes (a run is created within seconds of its slot).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>Initializes a new instance of the <see cref="RunSlots"/> class.</summary>
    /// <param name="clients">The storage clients.</param>
    /// <param name="options">The limits (table name).</param>
    public RunSlots(StorageClients clients, IOptions<LimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        _table = clients.Tables.GetTableClient(options.Value.RunSlotsTable);
    }

    /// <summary>Creates the table if missing.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Admits a run into a domain's slots.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="cap">Its cap (at least 1).</param>
    /// <param name="runId">The run.</param>
    /// <param name="isActive">Whether a run holding a slot is still pending or running, or null when it does not exist (yet): such a
    /// slot counts for <see cref="StaleAfter"/> (a run being created on another host), then is freed.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Null when admitted, else the ids of the active runs that fill the domain.</returns>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<IReadOnlyList<string>?> TryAcquireAsync(
        string domain, int cap, string runId, Func<string, CancellationToken, Task<bool?>> isActive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isActive);
        await _table.UpsertEntityAsync(new TableEntity(domain, runId) { ["AcquiredAt"] = DateTimeOffset.UtcNow }, TableUpdateMode.Replace, cancellationToken);
        var active = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == domain, select: ["RowKey", "AcquiredAt"], cancellationToken: cancellationToken))
        {
            if (row.RowKey == runId
                || (await isActive(row.RowKey, cancellationToken) ?? DateTimeOffset.UtcNow - (row.GetDateTimeOffset("AcquiredAt") ?? DateTimeOffset.MinValue) < StaleAfter))
            {
                active.Add(row.RowKey);
            }
            else
            {
                await ReleaseAsync(domain, row.RowKey, cancellationToken);
            }
        }

        if (active.Count <= cap)
        {
            return null;
        }

        await ReleaseAsync(domain, runId, cancellationToken);
        return [.. active.Where(id => id != runId)];
    }

    /// <summary>Frees a run's slot (nothing when it holds none).</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task ReleaseAsync(string domain, string runId, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.DeleteEntityAsync(domain, runId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already free.
        }
    }
}
