using System.Text;

namespace AgentFunctions.Core.Storage.InMemory;

/// <content>Paged partition queries.</content>
internal sealed partial class InMemoryTable
{
    public TableQueryPage Query(TableQuery query, string? continuationToken)
    {
        var start = query.RowKeyFrom;
        if (continuationToken is not null)
        {
            var resume = DecodeToken(continuationToken);
            if (start is null || string.CompareOrdinal(resume, start) > 0)
            {
                start = resume;
            }
        }

        lock (_gate)
        {
            var items = new List<TableEntity>();
            if (!_partitions.TryGetValue(query.PartitionKey, out var partition))
            {
                return new TableQueryPage(items, null);
            }

            foreach (var (rowKey, stored) in partition)
            {
                if ((start is not null && string.CompareOrdinal(rowKey, start) < 0)
                    || (query.RowKeyTo is not null && string.CompareOrdinal(rowKey, query.RowKeyTo) >= 0))
                {
                    continue;
                }

                if (items.Count == query.PageSize)
                {
                    return new TableQueryPage(items, EncodeToken(rowKey));
                }

                items.Add(stored.ToEntity(query.PartitionKey, rowKey));
            }

            return new TableQueryPage(items, null);
        }
    }

    private static string EncodeToken(string nextRowKey) => "m1:" + Convert.ToBase64String(Encoding.UTF8.GetBytes(nextRowKey));

    private static string DecodeToken(string continuationToken)
    {
        try
        {
            if (continuationToken.StartsWith("m1:", StringComparison.Ordinal))
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(continuationToken[3..]));
            }
        }
        catch (FormatException)
        {
            // Reported below.
        }

        throw new ArgumentException("The continuation token was not produced by this table client.", nameof(continuationToken));
    }
}
