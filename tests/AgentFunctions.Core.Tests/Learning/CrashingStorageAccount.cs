using AgentFunctions.Core.Storage;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>Wraps a storage account and "crashes" (throws before sending) on the first table transaction a predicate picks.</summary>
public sealed class CrashingStorageAccount(IStorageAccount inner) : IStorageAccount
{
    private Func<IReadOnlyList<TableTransactionAction>, bool>? _crashOn;

    /// <summary>Arms the crash: the next transaction matching <paramref name="predicate"/> throws and is not applied.</summary>
    public void CrashOnce(Func<IReadOnlyList<TableTransactionAction>, bool> predicate) => _crashOn = predicate;

    public IQueueClient GetQueueClient(string queueName) => inner.GetQueueClient(queueName);

    public ITableClient GetTableClient(string tableName) => new Table(inner.GetTableClient(tableName), this);

    public IBlobContainerClient GetBlobContainerClient(string containerName) => inner.GetBlobContainerClient(containerName);

    private sealed class Table(ITableClient inner, CrashingStorageAccount owner) : ITableClient
    {
        public string Name => inner.Name;

        public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => inner.CreateIfNotExistsAsync(cancellationToken);

        public Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) => inner.GetEntityAsync(partitionKey, rowKey, cancellationToken);

        public Task<string> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default) => inner.AddEntityAsync(entity, cancellationToken);

        public Task<string> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
            inner.UpsertEntityAsync(entity, mode, cancellationToken);

        public Task<string> UpdateEntityAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
            inner.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);

        public Task DeleteEntityAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default) =>
            inner.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken);

        public Task<TableQueryPage> QueryAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(query, continuationToken, cancellationToken);

        public Task<IReadOnlyList<string?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
        {
            if (owner._crashOn is { } crash && crash(actions))
            {
                owner._crashOn = null;
                throw new IOException("simulated crash: the process died before this transaction was sent");
            }

            return inner.SubmitTransactionAsync(actions, cancellationToken);
        }
    }
}
