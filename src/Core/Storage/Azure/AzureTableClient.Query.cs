using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Core;

namespace AgentFunctions.Core.Storage.Azure;

/// <content>Partition queries with <c>$filter</c>, <c>$top</c> and continuation headers.</content>
internal sealed partial class AzureTableClient
{
    private const string NextPartitionKey = "x-ms-continuation-NextPartitionKey";
    private const string NextRowKey = "x-ms-continuation-NextRowKey";

    /// <inheritdoc/>
    public async Task<TableQueryPage> QueryAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckQuery(query);
        var parameters = new List<(string, string)>
        {
            ("$filter", Filter(query)),
            ("$top", query.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (continuationToken is not null)
        {
            var (nextPartition, nextRow) = DecodeToken(continuationToken);
            parameters.Add(("NextPartitionKey", nextPartition));
            if (nextRow.Length > 0)
            {
                parameters.Add(("NextRowKey", nextRow));
            }
        }

        using var message = _service.CreateMessage(RequestMethod.Get, Name + "()", [.. parameters]);
        message.Request.Headers.SetValue("Accept", JsonAccept);
        var response = await _service.SendExpectingAsync(message, 200, cancellationToken);
        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var items = json.RootElement.GetProperty("value").EnumerateArray().Select(e => TableEntityJson.Read(e, null)).ToList();
        var token = response.Headers.TryGetValue(NextPartitionKey, out var partition)
            ? EncodeToken(partition, response.Headers.TryGetValue(NextRowKey, out var row) ? row : string.Empty)
            : null;
        return new TableQueryPage(items, token);
    }
    /// <summary>The OData filter <c>PartitionKey eq 'pk' [and RowKey ge 'from'] [and RowKey lt 'to']</c>, quotes doubled.</summary>
    internal static string Filter(TableQuery query)
    {
        static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

        var filter = "PartitionKey eq " + Quote(query.PartitionKey);
        if (query.RowKeyFrom is not null)
        {
            filter += " and RowKey ge " + Quote(query.RowKeyFrom);
        }

        if (query.RowKeyTo is not null)
        {
            filter += " and RowKey lt " + Quote(query.RowKeyTo);
        }

        return filter;
    }

    /// <summary>Packs the two continuation headers into one opaque token: <c>a1:</c> + escaped partition + space + escaped row.</summary>
    private static string EncodeToken(string nextPartition, string nextRow) =>
        "a1:" + Uri.EscapeDataString(nextPartition) + " " + Uri.EscapeDataString(nextRow);

    private static (string Partition, string Row) DecodeToken(string continuationToken)
    {
        var space = continuationToken.IndexOf(' ', StringComparison.Ordinal);
        if (!continuationToken.StartsWith("a1:", StringComparison.Ordinal) || space < 0)
        {
            throw new ArgumentException("The continuation token was not produced by this table client.", nameof(continuationToken));
        }

        return (Uri.UnescapeDataString(continuationToken[3..space]), Uri.UnescapeDataString(continuationToken[(space + 1)..]));
    }
}
