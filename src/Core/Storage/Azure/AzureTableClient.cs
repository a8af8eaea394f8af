using System.Text.Json;
using Azure;
using Azure.Core;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>
/// An <see cref="ITableClient"/> over the Table service REST API (JSON, <c>odata=minimalmetadata</c>).
/// This file: create and single-entity operations; the query and transaction files hold the rest.
/// </summary>
internal sealed partial class AzureTableClient : ITableClient
{
    private const string JsonAccept = "application/json;odata=minimalmetadata";

    private static readonly RequestMethod s_merge = new("MERGE");

    private readonly StorageService _service;

    public AzureTableClient(string name, StorageService service)
    {
        Name = name;
        _service = service;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Post, "Tables");
        SetJson(message.Request, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await _service.SendAsync(message, cancellationToken);
        if (response.Status is not (201 or 204) && StorageErrors.ErrorCode(response) != "TableAlreadyExists")
        {
            throw StorageErrors.ToException(response);
        }
    }

    /// <inheritdoc/>
    public async Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckKey(partitionKey, nameof(partitionKey));
        StorageLimitChecks.CheckKey(rowKey, nameof(rowKey));
        using var message = _service.CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("Accept", JsonAccept);
        var response = await _service.SendAsync(message, cancellationToken);
        if (response.Status == 404 && StorageErrors.ErrorCode(response) == StorageErrorCodes.ResourceNotFound)
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw StorageErrors.ToException(response);
        }

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        response.Headers.TryGetValue("ETag", out var etag);
        return TableEntityJson.Read(json.RootElement, etag);
    }

    /// <inheritdoc/>
    public async Task<string> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckEntity(entity);
        using var message = _service.CreateMessage(RequestMethod.Post, Name);
        SetJson(message.Request, TableEntityJson.Write(entity));
        return ETagOf(await _service.SendExpectingAsync(message, 204, cancellationToken));
    }

    /// <inheritdoc/>
    public Task<string> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteAsync(entity, null, mode, cancellationToken);

    /// <inheritdoc/>
    public Task<string> UpdateEntityAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return WriteAsync(entity, ifMatch, mode, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task DeleteEntityAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckKey(partitionKey, nameof(partitionKey));
        StorageLimitChecks.CheckKey(rowKey, nameof(rowKey));
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = _service.CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("Accept", JsonAccept);
        message.Request.Headers.SetValue("If-Match", ifMatch);
        var response = await _service.SendAsync(message, cancellationToken);
        if (response.Status != 204 && !(response.Status == 404 && StorageErrors.ErrorCode(response) == StorageErrorCodes.ResourceNotFound))
        {
            throw StorageErrors.ToException(response);
        }
    }

    /// <summary>Insert-or-update (no <paramref name="ifMatch"/>) or conditional update: PUT replaces, MERGE merges.</summary>
    private async Task<string> WriteAsync(TableEntity entity, string? ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        StorageLimitChecks.CheckEntity(entity);
        using var message = _service.CreateMessage(mode == TableUpdateMode.Merge ? s_merge : RequestMethod.Put, EntityPath(entity.PartitionKey, entity.RowKey));
        SetJson(message.Request, TableEntityJson.Write(entity));
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        return ETagOf(await _service.SendExpectingAsync(message, 204, cancellationToken));
    }

    /// <summary>The escaped path <c>table(PartitionKey='pk',RowKey='rk')</c>; quotes in keys are doubled (OData), then the keys are percent-encoded.</summary>
    private string EntityPath(string partitionKey, string rowKey) =>
        $"{Name}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static void SetJson(Request request, byte[] body)
    {
        request.Headers.SetValue("Accept", JsonAccept);
        request.Headers.SetValue("Content-Type", "application/json");
        request.Headers.SetValue("Prefer", "return-no-content");
        request.Content = RequestContent.Create(body);
    }

    private static string ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag)
            ? etag
            : throw new RequestFailedException(response.Status, "The table service returned no ETag.", null, null);
}
