namespace AgentFunctions.Core.Storage;

/// <summary>
/// Operations on one table with Azure Table Storage semantics: entities keyed by (PartitionKey, RowKey),
/// optimistic concurrency by ETag, paged partition queries, and atomic entity-group transactions within one partition.
/// Failures surface as <see cref="global::Azure.RequestFailedException"/> (409 <c>EntityAlreadyExists</c>, 412
/// <c>UpdateConditionNotSatisfied</c>, 404 <c>ResourceNotFound</c>, 400 <c>PropertyValueTooLarge</c>/<c>EntityTooLarge</c>).
/// Size limits (<see cref="StorageLimits"/>) are enforced client-side before any request is sent.
/// </summary>
public interface ITableClient
{
    /// <summary>Gets the table name.</summary>
    string Name { get; }

    /// <summary>Creates the table when it does not exist yet; does nothing when it does.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the table exists.</returns>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads one entity.</summary>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity with its ETag and timestamp, or null when it does not exist.</returns>
    Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>Inserts an entity that must not exist yet.</summary>
    /// <param name="entity">The entity; its <see cref="TableEntity.ETag"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new ETag.</returns>
    /// <exception cref="global::Azure.RequestFailedException">409 <c>EntityAlreadyExists</c>.</exception>
    Task<string> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default);

    /// <summary>Inserts or updates an entity without a concurrency check.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="mode"><see cref="TableUpdateMode.Merge"/> keeps properties not in <paramref name="entity"/>; <see cref="TableUpdateMode.Replace"/> drops them.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new ETag.</returns>
    Task<string> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default);

    /// <summary>Updates an existing entity only if its ETag still matches <paramref name="ifMatch"/>.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="ifMatch">The ETag read earlier, or <c>*</c> to require only that the entity exists.</param>
    /// <param name="mode">Merge or replace, as for <see cref="UpsertEntityAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new ETag.</returns>
    /// <exception cref="global::Azure.RequestFailedException">412 <c>UpdateConditionNotSatisfied</c> when the ETag changed; 404 <c>ResourceNotFound</c>.</exception>
    Task<string> UpdateEntityAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default);

    /// <summary>Deletes an entity; deleting one that does not exist is not an error.</summary>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="ifMatch">The ETag the entity must still have, or <c>*</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the entity is gone.</returns>
    /// <exception cref="global::Azure.RequestFailedException">412 when the ETag changed.</exception>
    Task DeleteEntityAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default);

    /// <summary>Reads one page of a partition query, ordered by row key.</summary>
    /// <param name="query">The partition and the row-key range.</param>
    /// <param name="continuationToken">The token from the previous page, or null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page; a page can be empty and still carry a continuation token.</returns>
    Task<TableQueryPage> QueryAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>Applies up to 100 operations on one partition atomically (an entity-group transaction): all succeed or none.</summary>
    /// <param name="actions">1–100 actions, one per entity, all with the same partition key, under 4 MiB in total.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new ETag for each action, in order (null for deletes).</returns>
    /// <exception cref="ArgumentException">The batch breaks a rule above (checked before sending).</exception>
    /// <exception cref="TableTransactionFailedException">An action failed; nothing was applied. Carries the failing action's index, status and error code.</exception>
    Task<IReadOnlyList<string?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default);
}
