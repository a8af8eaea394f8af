using System.Collections.Concurrent;

namespace AgentFunctions.Core.Storage.InMemory;

/// <summary>
/// A storage account held in process memory, with the semantics of Azure Storage (visibility timeouts, pop receipts,
/// dequeue counts, message expiry, ETags, 409/412/404 errors, paged queries, atomic transactions) and the same
/// client-side limits as <c>AzureStorageAccount</c>. For unit tests and the zero-dependency quick start; thread-safe;
/// nothing survives the process. Queues, tables and containers must be created before use, as in Azure.
/// </summary>
public sealed class InMemoryStorageAccount : IStorageAccount
{
    private readonly ConcurrentDictionary<string, InMemoryQueue> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InMemoryTable> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> _containers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates an empty account.</summary>
    /// <param name="timeProvider">The clock for visibility timeouts, expiry and timestamps; null for <see cref="TimeProvider.System"/>.
    /// Tests pass a manual clock to move time without sleeping.</param>
    public InMemoryStorageAccount(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc/>
    public IQueueClient GetQueueClient(string queueName)
    {
        StorageLimitChecks.CheckQueueName(queueName);
        return new InMemoryQueueClient(queueName, _queues, _time);
    }

    /// <inheritdoc/>
    public ITableClient GetTableClient(string tableName)
    {
        StorageLimitChecks.CheckTableName(tableName);
        return new InMemoryTableClient(tableName, _tables, _time);
    }

    /// <inheritdoc/>
    public IBlobContainerClient GetBlobContainerClient(string containerName)
    {
        StorageLimitChecks.CheckContainerName(containerName);
        return new InMemoryBlobContainerClient(containerName, _containers);
    }
}
