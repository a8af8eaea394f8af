using Azure.Core;

namespace AgentFunctions.Core.Storage.Azure;

/// <content>Entity-group transactions (<c>POST /$batch</c>).</content>
internal sealed partial class AzureTableClient
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<string?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckTransaction(actions);
        var tableUri = $"{_service.Endpoint.AbsoluteUri.TrimEnd('/')}/{Name}";
        var (contentType, body) = TableBatchRequest.Build(
            tableUri, e => $"{_service.Endpoint.AbsoluteUri.TrimEnd('/')}/{EntityPath(e.PartitionKey, e.RowKey)}", actions);
        using var message = _service.CreateMessage(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue("Accept", JsonAccept);
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(body);
        var response = await _service.SendAsync(message, cancellationToken);
        if (response.Status != 202)
        {
            var error = StorageErrors.ToException(response);
            throw new TableTransactionFailedException(response.Status, error.ErrorCode, -1, "The transaction was rejected as a whole, so nothing was applied. " + error.Message);
        }

        var inner = TableBatchResponse.Parse(response.Content.ToString());
        var failure = inner.FirstOrDefault(r => r.Status >= 300);
        if (failure is not null)
        {
            var (code, text) = StorageErrors.ParseBody(failure.Body);
            var index = TableBatchResponse.FailedIndex(failure, text, actions.Count);
            throw new TableTransactionFailedException(
                failure.Status,
                code,
                index,
                $"Transaction action {index} failed with {failure.Status} {code}, so none was applied: {text}");
        }

        if (inner.Count != actions.Count)
        {
            throw new TableTransactionFailedException(response.Status, null, -1, $"The transaction response holds {inner.Count} results for {actions.Count} actions.");
        }

        return actions
            .Select((a, i) => a.ActionType == TableTransactionActionType.Delete ? null : inner[i].Headers.GetValueOrDefault("ETag"))
            .ToList();
    }
}
