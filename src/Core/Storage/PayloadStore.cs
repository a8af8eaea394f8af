using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Storage;

/// <summary>
/// Keeps large text out of table properties and queue messages: text over a limit goes to a blob named by its SHA-256
/// (so writing it twice is harmless) and a reference takes its place — the Durable Task Framework's approach for messages
/// over 45 KB, applied to the run record, the knowledge tables and the poison queues.
/// </summary>
public sealed class PayloadStore
{
    /// <summary>Largest text kept inline in a table property, in characters (16 K keeps an entity-group transaction of many rows under 4 MiB).</summary>
    public const int InlinePropertyChars = 16 * 1024;

    private const string RefPrefix = "{\"schemaVersion\":1,\"payloadRef\":";
    private readonly BlobContainerClient _container;

    /// <summary>Creates the store.</summary>
    /// <param name="clients">The storage clients.</param>
    /// <param name="options">Names the payload container (<c>Orchestration:PayloadContainer</c>).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public PayloadStore(StorageClients clients, IOptions<Orchestration.OrchestrationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        _container = clients.Blobs.GetBlobContainerClient(options.Value.PayloadContainer);
    }

    /// <summary>Gets the payload container.</summary>
    public BlobContainerClient Container => _container;

    /// <summary>Creates the container if it is missing.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the container exists.</returns>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Writes <paramref name="text"/> to <paramref name="entity"/>'s property <paramref name="name"/>, or to a blob referenced by <c>&lt;name&gt;Ref</c> when it is too long.</summary>
    /// <param name="entity">The entity to set.</param>
    /// <param name="name">The property name.</param>
    /// <param name="text">The text, or null to leave both properties unset.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>A task that completes when the text is stored.</returns>
    /// <exception cref="RequestFailedException">The upload failed.</exception>
    public async Task SetPropertyAsync(TableEntity entity, string name, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (text is null)
        {
            return;
        }

        if (text.Length <= InlinePropertyChars)
        {
            entity[name] = text;
            return;
        }

        entity[name + "Ref"] = await UploadAsync(entity.PartitionKey, text, cancellationToken);
    }

    /// <summary>Reads a property written by <see cref="SetPropertyAsync"/>.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="name">The property name.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The text, or null when neither the property nor a reference is set.</returns>
    /// <exception cref="InvalidOperationException">The referenced blob is missing.</exception>
    public async Task<string?> GetPropertyAsync(TableEntity entity, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.GetString(name) is { } inline)
        {
            return inline;
        }

        return entity.GetString(name + "Ref") is { } reference ? await DownloadAsync(reference, cancellationToken) : null;
    }

    /// <summary>Prepares a message for a queue: returns it unchanged when small, else stores it in a blob and returns a reference message.</summary>
    /// <param name="folder">Names the blob folder (a run id, or <c>dead-letters</c>).</param>
    /// <param name="messageText">The message text.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The text to enqueue.</returns>
    public async Task<string> WrapMessageAsync(string folder, string messageText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        if (Encoding.UTF8.GetByteCount(messageText) <= StorageLimits.LargePayloadThresholdBytes)
        {
            return messageText;
        }

        var reference = await UploadAsync(folder, messageText, cancellationToken);
        return RefPrefix + System.Text.Json.JsonSerializer.Serialize(reference) + "}";
    }

    /// <summary>Reverses <see cref="WrapMessageAsync"/>: returns the original text of a reference message, or the text itself.</summary>
    /// <param name="messageText">The dequeued text.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The message text.</returns>
    /// <exception cref="InvalidOperationException">The referenced blob is missing, or the reference is malformed.</exception>
    public async Task<string> UnwrapMessageAsync(string messageText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        if (!messageText.StartsWith(RefPrefix, StringComparison.Ordinal))
        {
            return messageText;
        }

        var reference = System.Text.Json.Nodes.JsonNode.Parse(messageText)?["payloadRef"]?.GetValue<string>()
            ?? throw new InvalidOperationException("A payload reference message has no payloadRef.");
        return await DownloadAsync(reference, cancellationToken);
    }

    private async Task<string> UploadAsync(string folder, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var name = $"{folder}/{Convert.ToHexStringLower(SHA256.HashData(bytes))}.txt";
        await _container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, cancellationToken);
        return name;
    }

    private async Task<string> DownloadAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _container.GetBlobClient(reference).DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new InvalidOperationException($"Payload blob '{reference}' is missing from container '{_container.Name}'.", ex);
        }
    }
}
