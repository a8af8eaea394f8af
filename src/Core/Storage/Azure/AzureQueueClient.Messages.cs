using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace AgentFunctions.Core.Storage.Azure;

/// <content>Receive, peek, update, delete and the XML message list.</content>
internal sealed partial class AzureQueueClient
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var seconds = StorageLimitChecks.CheckReceive(maxMessages, visibilityTimeout);
        using var message = _service.CreateMessage(
            RequestMethod.Get, _path + "/messages", ("numofmessages", Invariant(maxMessages)), ("visibilitytimeout", Invariant(seconds)));
        var response = await _service.SendExpectingAsync(message, 200, cancellationToken);
        return ParseMessages(response).Select(m => ToQueueMessage(m, null)).ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<QueueMessage>> PeekMessagesAsync(int maxMessages, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckMaxMessages(maxMessages);
        using var message = _service.CreateMessage(
            RequestMethod.Get, _path + "/messages", ("peekonly", "true"), ("numofmessages", Invariant(maxMessages)));
        var response = await _service.SendExpectingAsync(message, 200, cancellationToken);

        // Peek returns no TimeNextVisible: a peeked message is visible at the time of the response.
        var now = response.Headers.Date ?? DateTimeOffset.UtcNow;
        return ParseMessages(response).Select(m => ToQueueMessage(m, now)).ToList();
    }

    /// <inheritdoc/>
    public async Task<QueueUpdateReceipt> UpdateMessageVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var seconds = StorageLimitChecks.CheckMessageReference(messageId, popReceipt, visibilityTimeout);
        using var message = _service.CreateMessage(
            RequestMethod.Put, MessagePath(messageId), ("popreceipt", popReceipt), ("visibilitytimeout", Invariant(seconds)));
        var response = await _service.SendExpectingAsync(message, 204, cancellationToken);
        if (!response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt)
            || !response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible))
        {
            throw new RequestFailedException(response.Status, "Update Message returned no x-ms-popreceipt or x-ms-time-next-visible header.", null, null);
        }

        return new QueueUpdateReceipt(newReceipt, ParseTime(nextVisible));
    }

    /// <inheritdoc/>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckMessageReference(messageId, popReceipt);
        using var message = _service.CreateMessage(RequestMethod.Delete, MessagePath(messageId), ("popreceipt", popReceipt));
        await _service.SendExpectingAsync(message, 204, cancellationToken);
    }

    private string MessagePath(string messageId) => _path + "/messages/" + Uri.EscapeDataString(messageId);

    private static IEnumerable<XElement> ParseMessages(Response response)
    {
        var root = XDocument.Parse(response.Content.ToString()).Root;
        return root?.Elements("QueueMessage") ?? [];
    }

    private QueueMessage ToQueueMessage(XElement item, DateTimeOffset? peekedAt) => new(
        Element(item, "MessageId"),
        peekedAt is null ? Element(item, "PopReceipt") : string.Empty,
        long.Parse(Element(item, "DequeueCount"), NumberStyles.Integer, CultureInfo.InvariantCulture),
        ParseTime(Element(item, "InsertionTime")),
        ParseTime(Element(item, "ExpirationTime")),
        peekedAt ?? ParseTime(Element(item, "TimeNextVisible")),
        Decode(item.Element("MessageText")?.Value ?? string.Empty));

    /// <summary>
    /// Decodes base64 message text. Text that is not valid base64 (put there by another writer) is returned as it is,
    /// so that one foreign message fails in its handler instead of failing every receive of the batch.
    /// </summary>
    private string Decode(string wireText)
    {
        if (_encoding == QueueMessageEncoding.None)
        {
            return wireText;
        }

        var buffer = new byte[(wireText.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(wireText, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : wireText;
    }

    private static string Element(XElement item, string name) =>
        item.Element(name)?.Value ?? throw new RequestFailedException(0, $"The queue service response has no <{name}> element.", null, null);
}
