using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <content>Listing runs: a filtered scan of the header rows across partitions.</content>
public sealed partial class TableRunStore
{
    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredRunHeader> ListHeadersAsync(
        string? graphName, RunStatus? status, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RunRowKeys.Header}");
        if (graphName is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"GraphName eq {graphName}");
        }

        if (status is { } wanted)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {wanted.ToWire()}");
        }

        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return await _mapper.ToHeaderAsync(e, cancellationToken);
        }
    }
}
