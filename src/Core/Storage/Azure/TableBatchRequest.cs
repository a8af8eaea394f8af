using System.Text;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>
/// Builds the <c>multipart/mixed</c> body of an entity-group transaction (<c>POST /$batch</c>): one batch part holding
/// one change set with an <c>application/http</c> part per action.
/// Source: learn.microsoft.com "Performing entity group transactions".
/// </summary>
internal static class TableBatchRequest
{
    /// <summary>Builds the body.</summary>
    /// <param name="tableUri">The absolute table URL, such as <c>http://127.0.0.1:10002/devstoreaccount1/runs</c>.</param>
    /// <param name="entityUri">Maps an entity to its absolute URL <c>…/runs(PartitionKey='…',RowKey='…')</c>.</param>
    /// <param name="actions">The checked actions.</param>
    /// <returns>The content type (with the batch boundary) and the body bytes.</returns>
    public static (string ContentType, byte[] Body) Build(string tableUri, Func<TableEntity, string> entityUri, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("D");
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));

        Write($"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var (method, url, ifMatch, hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", tableUri, null, true),
                TableTransactionActionType.UpsertMerge => ("MERGE", entityUri(action.Entity), null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", entityUri(action.Entity), null, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", entityUri(action.Entity), action.IfMatch ?? "*", true),
                TableTransactionActionType.UpdateReplace => ("PUT", entityUri(action.Entity), action.IfMatch ?? "*", true),
                TableTransactionActionType.Delete => ("DELETE", entityUri(action.Entity), action.IfMatch ?? "*", false),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown action type."),
            };
            Write($"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            Write($"{method} {url} HTTP/1.1\r\n");
            Write("Accept: application/json;odata=minimalmetadata\r\nDataServiceVersion: 3.0;\r\n");
            Write($"Content-ID: {i + 1}\r\n"); // 1-based, as Azurite numbers them too.
            if (ifMatch is not null)
            {
                Write($"If-Match: {ifMatch}\r\n");
            }

            if (hasBody)
            {
                var json = TableEntityJson.Write(action.Entity);
                Write($"Content-Type: application/json\r\nPrefer: return-no-content\r\nContent-Length: {json.Length}\r\n\r\n");
                body.Write(json);
                Write("\r\n");
            }
            else
            {
                Write("\r\n");
            }
        }

        Write($"--{changeset}--\r\n\r\n--{batch}--\r\n");
        return ($"multipart/mixed; boundary={batch}", body.ToArray());
    }
}
