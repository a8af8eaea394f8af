using Azure.Core;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>An <see cref="IBlobContainerClient"/> over the Blob service REST API: whole block blobs in one request.</summary>
internal sealed class AzureBlobContainerClient : IBlobContainerClient
{
    private readonly StorageService _service;

    public AzureBlobContainerClient(string name, StorageService service)
    {
        Name = name;
        _service = service;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Put, Name, ("restype", "container"));
        var response = await _service.SendAsync(message, cancellationToken);
        if (response.Status != 201 && StorageErrors.ErrorCode(response) != "ContainerAlreadyExists")
        {
            throw StorageErrors.ToException(response);
        }
    }

    /// <inheritdoc/>
    public async Task UploadAsync(string blobName, BinaryData content, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckBlobName(blobName);
        ArgumentNullException.ThrowIfNull(content);
        using var message = _service.CreateMessage(RequestMethod.Put, BlobPath(blobName));
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        message.Request.Headers.SetValue("Content-Type", "application/octet-stream");
        message.Request.Content = RequestContent.Create(content);
        await _service.SendExpectingAsync(message, 201, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<BinaryData?> DownloadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckBlobName(blobName);
        using var message = _service.CreateMessage(RequestMethod.Get, BlobPath(blobName));
        var response = await _service.SendAsync(message, cancellationToken);
        if (response.Status == 404 && StorageErrors.ErrorCode(response) == StorageErrorCodes.BlobNotFound)
        {
            return null;
        }

        return response.Status == 200 ? BinaryData.FromBytes(response.Content.ToArray()) : throw StorageErrors.ToException(response);
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckBlobName(blobName);
        using var message = _service.CreateMessage(RequestMethod.Delete, BlobPath(blobName));
        var response = await _service.SendAsync(message, cancellationToken);
        if (response.Status != 202 && !(response.Status == 404 && StorageErrors.ErrorCode(response) == StorageErrorCodes.BlobNotFound))
        {
            throw StorageErrors.ToException(response);
        }
    }

    /// <summary>The escaped path <c>container/seg1/seg2</c>: each <c>/</c>-separated segment of the blob name is percent-encoded.</summary>
    private string BlobPath(string blobName) => Name + "/" + string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));
}
