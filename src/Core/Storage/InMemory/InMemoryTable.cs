using Azure;

namespace AgentFunctions.Core.Storage.InMemory;

/// <summary>
/// The state of one in-memory table with Azure Table Storage semantics: entities keyed by (PartitionKey, RowKey) in
/// ordinal row-key order, an ETag that changes on every write, 409/412/404 like the service, paged queries and
/// atomic entity-group transactions. Thread-safe: every operation runs under one lock.
/// This file: single-entity operations; the query and transaction files hold the rest.
/// </summary>
internal sealed partial class InMemoryTable
{
    private static long s_etagCounter;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredEntity>> _partitions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public InMemoryTable(TimeProvider time) => _time = time;

    public TableEntity? Get(string partitionKey, string rowKey)
    {
        lock (_gate)
        {
            return TryGet(partitionKey, rowKey)?.ToEntity(partitionKey, rowKey);
        }
    }

    public string Write(TableEntity entity, TableTransactionActionType actionType, string? ifMatch)
    {
        lock (_gate)
        {
            var stored = Plan(new TableTransactionAction(actionType, entity, ifMatch), _time.GetUtcNow())
                ?? throw new InvalidOperationException("A write produced no entity.");
            Partition(entity.PartitionKey)[entity.RowKey] = stored;
            return stored.ETag;
        }
    }

    public void Delete(string partitionKey, string rowKey, string ifMatch)
    {
        lock (_gate)
        {
            if (TryGet(partitionKey, rowKey) is null)
            {
                return;
            }

            Plan(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ifMatch), _time.GetUtcNow());
            Partition(partitionKey).Remove(rowKey);
        }
    }

    /// <summary>Works out what one action would store, without storing it.</summary>
    /// <returns>The new stored entity, or null for a delete.</returns>
    /// <exception cref="RequestFailedException">409, 404 or 412 as the service would answer.</exception>
    private StoredEntity? Plan(TableTransactionAction action, DateTimeOffset now)
    {
        var entity = action.Entity;
        var existing = TryGet(entity.PartitionKey, entity.RowKey);
        switch (action.ActionType)
        {
            case TableTransactionActionType.Add:
                if (existing is not null)
                {
                    throw new RequestFailedException(409, "The specified entity already exists.", StorageErrorCodes.EntityAlreadyExists, innerException: null);
                }

                return StoredEntity.Create(entity.Properties, NewETag(), now);
            case TableTransactionActionType.UpsertMerge or TableTransactionActionType.UpsertReplace:
                return Merge(existing, entity, action.ActionType == TableTransactionActionType.UpsertMerge, now);
            case TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete:
                CheckCondition(existing, action.IfMatch ?? "*");
                return action.ActionType == TableTransactionActionType.Delete
                    ? null
                    : Merge(existing, entity, action.ActionType == TableTransactionActionType.UpdateMerge, now);
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown action type.");
        }
    }

    private static void CheckCondition(StoredEntity? existing, string ifMatch)
    {
        if (existing is null)
        {
            throw new RequestFailedException(404, "The specified resource does not exist.", StorageErrorCodes.ResourceNotFound, innerException: null);
        }

        if (ifMatch != "*" && !string.Equals(ifMatch, existing.ETag, StringComparison.Ordinal))
        {
            throw new RequestFailedException(412, "The update condition specified in the request was not satisfied.", StorageErrorCodes.UpdateConditionNotSatisfied, innerException: null);
        }
    }

    private static StoredEntity Merge(StoredEntity? existing, TableEntity entity, bool merge, DateTimeOffset now)
    {
        var properties = merge && existing is not null
            ? existing.Properties.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in entity.Properties)
        {
            properties[name] = value;
        }

        return StoredEntity.Create(properties, NewETag(), now);
    }

    private StoredEntity? TryGet(string partitionKey, string rowKey) =>
        _partitions.TryGetValue(partitionKey, out var partition) && partition.TryGetValue(rowKey, out var stored) ? stored : null;

    private SortedDictionary<string, StoredEntity> Partition(string partitionKey)
    {
        if (!_partitions.TryGetValue(partitionKey, out var partition))
        {
            partition = new SortedDictionary<string, StoredEntity>(StringComparer.Ordinal);
            _partitions[partitionKey] = partition;
        }

        return partition;
    }

    private static string NewETag() => $"W/\"{Interlocked.Increment(ref s_etagCounter)}\"";

    private sealed record StoredEntity(IReadOnlyDictionary<string, object> Properties, string ETag, DateTimeOffset Timestamp)
    {
        public static StoredEntity Create(IEnumerable<KeyValuePair<string, object?>> properties, string etag, DateTimeOffset timestamp) =>
            new(properties.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => Copy(p.Value!), StringComparer.Ordinal), etag, timestamp);

        public TableEntity ToEntity(string partitionKey, string rowKey)
        {
            var entity = new TableEntity(partitionKey, rowKey) { ETag = ETag, Timestamp = Timestamp };
            foreach (var (name, value) in Properties)
            {
                entity[name] = Copy(value);
            }

            return entity;
        }

        private static object Copy(object value) => value switch
        {
            byte[] bytes => bytes.ToArray(),
            DateTimeOffset time => time.ToUniversalTime(),
            _ => value,
        };
    }
}
