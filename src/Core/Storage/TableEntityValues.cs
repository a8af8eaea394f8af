using Azure.Data.Tables;

namespace AgentFunctions.Core.Storage;

/// <summary>
/// Reads numbers from table entities whatever Edm type they were stored as (a value written as <c>int</c> comes back as
/// Edm.Int32, one written as <c>long</c> as Edm.Int64), and the few queries the stores share.
/// </summary>
public static class TableEntityValues
{
    private static readonly HashSet<string> s_systemProperties = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    /// <summary>Reads a whole number.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="name">The property.</param>
    /// <returns>The value, or null when absent or not a number.</returns>
    public static long? GetLong(this TableEntity entity, string name)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.TryGetValue(name, out var value) ? value switch
        {
            long l => l,
            int i => i,
            string s when long.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;
    }

    /// <summary>Reads a whole number that fits an <see cref="int"/>.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="name">The property.</param>
    /// <returns>The value, or null when absent or not a number.</returns>
    public static int? GetInt(this TableEntity entity, string name) => entity.GetLong(name) is { } l ? checked((int)l) : null;

    /// <summary>Gets the user properties of an entity (without keys, timestamp and ETag).</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>Name and value of each property.</returns>
    public static IEnumerable<KeyValuePair<string, object>> UserProperties(this TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.Where(kv => !s_systemProperties.Contains(kv.Key));
    }

    /// <summary>Reads an entity, or null when it does not exist.</summary>
    /// <param name="table">The table.</param>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity or null.</returns>
    public static async Task<TableEntity?> GetOrNullAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Queries the rows of one partition whose row key starts with a prefix, in row-key order.</summary>
    /// <param name="table">The table.</param>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="prefix">The row-key prefix (empty for the whole partition).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The rows.</returns>
    public static IAsyncEnumerable<TableEntity> QueryPrefixAsync(this TableClient table, string partitionKey, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(prefix);
        var filter = prefix.Length == 0
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");
        return table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken);
    }
}
