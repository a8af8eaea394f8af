using System.Collections.Concurrent;
using Azure;

namespace AgentFunctions.Core.Storage.InMemory;

/// <summary>An <see cref="IBlobContainerClient"/> over a dictionary of blob bytes held by its account.</summary>
internal sealed class InMemoryBlobContainerClient : IBlobContainerClient
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> _containers;

    public InMemoryBlobContainerClient(string name, ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> containers)
    {
        Name = name;
        _containers = containers;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _containers.GetOrAdd(Name, _ => new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task UploadAsync(string blobName, BinaryData content, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckBlobName(blobName);
        ArgumentNullException.ThrowIfNull(content);
        cancellationToken.ThrowIfCancellationRequested();
        Container()[blobName] = content.ToArray();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<BinaryData?> DownloadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckBlobName(blobName);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Container().TryGetValue(blobName, out var bytes) ? new BinaryData(bytes.ToArray()) : null);
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string blobName, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckBlobName(blobName);
        cancellationToken.ThrowIfCancellationRequested();
        Container().TryRemove(blobName, out _);
        return Task.CompletedTask;
    }

    private ConcurrentDictionary<string, byte[]> Container() =>
        _containers.TryGetValue(Name, out var container)
            ? container
            : throw new RequestFailedException(404, $"The container '{Name}' does not exist.", StorageErrorCodes.ContainerNotFound, innerException: null);
}
