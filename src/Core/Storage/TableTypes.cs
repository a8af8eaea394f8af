namespace AgentFunctions.Core.Storage;

/// <summary>How an update treats properties that the new entity does not carry.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them (HTTP MERGE).</summary>
    Merge,

    /// <summary>Drop them (HTTP PUT).</summary>
    Replace,
}

/// <summary>The kind of one operation in an entity-group transaction.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails with 409 when the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity, guarded by <see cref="TableTransactionAction.IfMatch"/> (default <c>*</c>).</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity, guarded by <see cref="TableTransactionAction.IfMatch"/> (default <c>*</c>).</summary>
    UpdateReplace,

    /// <summary>Insert or merge, no concurrency check.</summary>
    UpsertMerge,

    /// <summary>Insert or replace, no concurrency check.</summary>
    UpsertReplace,

    /// <summary>Delete, guarded by <see cref="TableTransactionAction.IfMatch"/> (default <c>*</c>); fails with 404 when absent.</summary>
    Delete,
}

/// <summary>One operation of an entity-group transaction.</summary>
/// <param name="ActionType">What to do.</param>
/// <param name="Entity">The entity (for deletes only its keys are used).</param>
/// <param name="IfMatch">The ETag required for update and delete actions; null means <c>*</c>.</param>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, string? IfMatch = null);

/// <summary>A partition query: every entity of one partition whose row key lies in [<paramref name="RowKeyFrom"/>, <paramref name="RowKeyTo"/>).</summary>
/// <param name="PartitionKey">The partition to read.</param>
/// <param name="RowKeyFrom">Inclusive lower bound on the row key (ordinal), or null for none.</param>
/// <param name="RowKeyTo">Exclusive upper bound on the row key (ordinal), or null for none.</param>
/// <param name="PageSize">Entities per page, 1–1000; the service may return fewer.</param>
public sealed record TableQuery(string PartitionKey, string? RowKeyFrom = null, string? RowKeyTo = null, int PageSize = 1000)
{
    /// <summary>Creates a query for every row whose key starts with <paramref name="prefix"/>.</summary>
    /// <param name="partitionKey">The partition to read.</param>
    /// <param name="prefix">The row-key prefix; must be non-empty.</param>
    /// <param name="pageSize">Entities per page, 1–1000.</param>
    /// <returns>The query.</returns>
    public static TableQuery WithPrefix(string partitionKey, string prefix, int pageSize = 1000)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return new TableQuery(partitionKey, prefix, upper, pageSize);
    }
}

/// <summary>One page of query results.</summary>
/// <param name="Items">The entities on this page, ordered by row key.</param>
/// <param name="ContinuationToken">Pass to the next call to read on, or null when this was the last page.</param>
public sealed record TableQueryPage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);
