using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;

namespace AgentFunctions.Core.Storage.InMemory;

/// <summary>An <see cref="ITableClient"/> over an <see cref="InMemoryTable"/> held by its account.</summary>
internal sealed class InMemoryTableClient : ITableClient
{
    private readonly ConcurrentDictionary<string, InMemoryTable> _tables;
    private readonly TimeProvider _time;

    public InMemoryTableClient(string name, ConcurrentDictionary<string, InMemoryTable> tables, TimeProvider time)
    {
        Name = name;
        _tables = tables;
        _time = time;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _tables.GetOrAdd(Name, _ => new InMemoryTable(_time));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckKey(partitionKey, nameof(partitionKey));
        StorageLimitChecks.CheckKey(rowKey, nameof(rowKey));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Table().Get(partitionKey, rowKey));
    }

    /// <inheritdoc/>
    public Task<string> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default) =>
        WriteAsync(entity, TableTransactionActionType.Add, null, cancellationToken);

    /// <inheritdoc/>
    public Task<string> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteAsync(entity, mode == TableUpdateMode.Merge ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.UpsertReplace, null, cancellationToken);

    /// <inheritdoc/>
    public Task<string> UpdateEntityAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return WriteAsync(entity, mode == TableUpdateMode.Merge ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace, ifMatch, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteEntityAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckKey(partitionKey, nameof(partitionKey));
        StorageLimitChecks.CheckKey(rowKey, nameof(rowKey));
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        cancellationToken.ThrowIfCancellationRequested();
        Table().Delete(partitionKey, rowKey, ifMatch);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<TableQueryPage> QueryAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckQuery(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Table().Query(query, continuationToken));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckTransaction(actions);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Table().Submit(actions));
    }

    private Task<string> WriteAsync(TableEntity entity, TableTransactionActionType actionType, string? ifMatch, CancellationToken cancellationToken)
    {
        StorageLimitChecks.CheckEntity(entity);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Table().Write(entity, actionType, ifMatch));
    }

    private InMemoryTable Table() =>
        _tables.TryGetValue(Name, out var table)
            ? table
            : throw new RequestFailedException(404, $"The table '{Name}' does not exist.", StorageErrorCodes.TableNotFound, innerException: null);
}
