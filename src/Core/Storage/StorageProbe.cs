namespace AgentFunctions.Core.Storage;

/// <summary>
/// Asks each storage service the app uses — Blob (payloads, the task hub's leases), Queue (runs, corrections, the task hub's
/// control queues) and Table (run records, knowledge, the task hub's history) — for its service properties, all at once, within
/// <see cref="Timeout"/>: the readiness check's live view of storage (the clients' own retries count inside the bound).
/// </summary>
/// <param name="clients">The storage clients.</param>
public sealed class StorageProbe(StorageClients clients)
{
    /// <summary>Gets the bound of one probe (5 s).</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Probes every service.</summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>One reason per service that did not answer (<c>storage (azurite): the Table service did not answer within 5 s</c>); empty when
    /// all answered.</returns>
    public async Task<IReadOnlyList<string>> ProbeAsync(CancellationToken cancellationToken = default)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Timeout);
        var checks = new[]
        {
            CheckAsync("Blob", clients.Connection.Label, ct => clients.Blobs.GetPropertiesAsync(ct), bound.Token),
            CheckAsync("Queue", clients.Connection.Label, ct => clients.Queues.GetPropertiesAsync(ct), bound.Token),
            CheckAsync("Table", clients.Connection.Label, ct => clients.Tables.GetPropertiesAsync(ct), bound.Token),
        };
        var results = await Task.WhenAll(checks);
        cancellationToken.ThrowIfCancellationRequested();
        return [.. results.OfType<string>()];
    }

    private static async Task<string?> CheckAsync<T>(string service, string account, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            await call(cancellationToken);
            return null;
        }
        catch (OperationCanceledException)
        {
            return $"storage ({account}): the {service} service did not answer within {Timeout.TotalSeconds:0} s";
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            return $"storage ({account}): the {service} service failed: {ex.Message.Split('\n')[0].Trim()}";
        }
    }
}
