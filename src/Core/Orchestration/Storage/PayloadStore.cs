using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>
/// Keeps large payloads out of queue messages and table properties: text over a limit goes to a blob
/// (named by its SHA-256, so writing it twice is harmless) and a reference takes its place — the Durable Task
/// Framework's approach for messages over 45 KB.
/// </summary>
public sealed class PayloadStore
{
    /// <summary>Largest JSON kept inline in a table property, in characters (16 K keeps an entity-group transaction of many rows under 4 MiB).</summary>
    public const int InlinePropertyChars = 16 * 1024;

    private const string RefPrefix = "{\"schemaVersion\":1,\"payloadRef\":";
    private readonly IBlobContainerClient _container;

    /// <summary>Creates the store.</summary>
    /// <param name="account">The storage account.</param>
    /// <param name="options">Names the payload container.</param>
    public PayloadStore(IStorageAccount account, IOptions<OrchestrationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(options);
        _container = account.GetBlobContainerClient(options.Value.PayloadContainer);
    }

    /// <summary>Gets the payload container.</summary>
    public IBlobContainerClient Container => _container;

    /// <summary>Writes <paramref name="text"/> to <paramref name="entity"/>'s property <paramref name="name"/>, or to a blob referenced by <c>&lt;name&gt;Ref</c> when it is too long.</summary>
    /// <param name="entity">The entity to set.</param>
    /// <param name="name">The property name.</param>
    /// <param name="text">The text, or null to leave both properties unset.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>A task that completes when the text is stored.</returns>
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
    /// <param name="runId">The run the message belongs to (names the blob folder).</param>
    /// <param name="messageText">The message text.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The text to enqueue.</returns>
    public async Task<string> WrapMessageAsync(string runId, string messageText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        if (Encoding.UTF8.GetByteCount(messageText) <= StorageLimits.LargePayloadThresholdBytes)
        {
            return messageText;
        }

        var reference = await UploadAsync(runId, messageText, cancellationToken);
        return RefPrefix + JsonSerializer.Serialize(reference) + "}";
    }

    /// <summary>Reverses <see cref="WrapMessageAsync"/>: returns the original text of a reference message, or the text itself.</summary>
    /// <param name="messageText">The dequeued text.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The message text.</returns>
    /// <exception cref="InvalidOperationException">The referenced blob is missing.</exception>
    public async Task<string> UnwrapMessageAsync(string messageText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        if (!messageText.StartsWith(RefPrefix, StringComparison.Ordinal))
        {
            return messageText;
        }

        var reference = JsonNode.Parse(messageText)?["payloadRef"]?.GetValue<string>()
            ?? throw new InvalidOperationException("A payload reference message has no payloadRef.");
        return await DownloadAsync(reference, cancellationToken);
    }

    private async Task<string> UploadAsync(string folder, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var name = $"{folder}/{Convert.ToHexStringLower(SHA256.HashData(bytes))}.txt";
        await _container.UploadAsync(name, BinaryData.FromBytes(bytes), cancellationToken);
        return name;
    }

    private async Task<string> DownloadAsync(string reference, CancellationToken cancellationToken)
    {
        var data = await _container.DownloadAsync(reference, cancellationToken)
            ?? throw new InvalidOperationException($"Payload blob '{reference}' is missing from container '{_container.Name}'.");
        return data.ToString();
    }
}
