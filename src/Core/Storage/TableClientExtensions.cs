using System.Runtime.CompilerServices;

namespace AgentFunctions.Core.Storage;

/// <summary>Helpers over <see cref="ITableClient"/> that every implementation shares.</summary>
public static class TableClientExtensions
{
    /// <summary>Reads every entity a partition query matches, following continuation tokens page by page.</summary>
    /// <param name="table">The table.</param>
    /// <param name="query">The partition and the row-key range.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The entities, ordered by row key.</returns>
    public static async IAsyncEnumerable<TableEntity> QueryAllAsync(this ITableClient table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        string? token = null;
        do
        {
            var page = await table.QueryAsync(query, token, cancellationToken);
            foreach (var entity in page.Items)
            {
                yield return entity;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
