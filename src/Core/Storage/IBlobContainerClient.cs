namespace AgentFunctions.Core.Storage;

/// <summary>Operations on one blob container: whole block blobs only (payloads too large for a queue message or a table property).</summary>
public interface IBlobContainerClient
{
    /// <summary>Gets the container name.</summary>
    string Name { get; }

    /// <summary>Creates the container when it does not exist yet.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the container exists.</returns>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes a block blob in one request, replacing any blob of that name.</summary>
    /// <param name="blobName">Blob name (may contain <c>/</c>).</param>
    /// <param name="content">The bytes; at most 256 MiB in one request (we store far smaller payloads).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the blob is stored.</returns>
    Task UploadAsync(string blobName, BinaryData content, CancellationToken cancellationToken = default);

    /// <summary>Reads a whole blob.</summary>
    /// <param name="blobName">Blob name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The bytes, or null when the blob does not exist.</returns>
    Task<BinaryData?> DownloadAsync(string blobName, CancellationToken cancellationToken = default);

    /// <summary>Deletes a blob; a missing blob is not an error.</summary>
    /// <param name="blobName">Blob name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the blob is gone.</returns>
    Task DeleteAsync(string blobName, CancellationToken cancellationToken = default);
}
