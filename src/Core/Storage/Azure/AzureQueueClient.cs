using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>
/// An <see cref="IQueueClient"/> over the Queue service REST API (learn.microsoft.com "Queue service REST API").
/// This file: create, send, count; the messages file holds receive, peek, update, delete and XML parsing.
/// </summary>
internal sealed partial class AzureQueueClient : IQueueClient
{
    private readonly StorageService _service;
    private readonly QueueMessageEncoding _encoding;
    private readonly string _path;

    public AzureQueueClient(string name, StorageService service, QueueMessageEncoding encoding)
    {
        Name = name;
        _service = service;
        _encoding = encoding;
        _path = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Put, _path);
        var response = await _service.SendAsync(message, cancellationToken);
        if (response.Status is not (201 or 204 or 409))
        {
            // 409 QueueAlreadyExists: the queue exists with other metadata, which is fine here.
            throw StorageErrors.ToException(response);
        }
    }

    /// <inheritdoc/>
    public async Task<QueueSendReceipt> SendMessageAsync(string messageText, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckMessageText(messageText);
        var (delay, ttl) = StorageLimitChecks.ToSendSeconds(visibilityDelay, timeToLive);
        using var message = ttl is { } t
            ? _service.CreateMessage(RequestMethod.Post, _path + "/messages", ("visibilitytimeout", Invariant(delay)), ("messagettl", Invariant(t)))
            : _service.CreateMessage(RequestMethod.Post, _path + "/messages", ("visibilitytimeout", Invariant(delay)));
        var wireText = _encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(messageText)) : messageText;
        var body = new XElement("QueueMessage", new XElement("MessageText", wireText)).ToString(SaveOptions.DisableFormatting);
        message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body));
        var response = await _service.SendExpectingAsync(message, 201, cancellationToken);
        var item = ParseMessages(response).FirstOrDefault()
            ?? throw new RequestFailedException(response.Status, "Put Message returned no message.", null, null);
        return new QueueSendReceipt(
            Element(item, "MessageId"),
            Element(item, "PopReceipt"),
            ParseTime(Element(item, "TimeNextVisible")));
    }

    /// <inheritdoc/>
    public async Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Get, _path, ("comp", "metadata"));
        var response = await _service.SendExpectingAsync(message, 200, cancellationToken);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count)
            ? int.Parse(count, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : throw new RequestFailedException(response.Status, "Get Queue Metadata returned no x-ms-approximate-messages-count header.", null, null);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string rfc1123) =>
        DateTimeOffset.ParseExact(rfc1123, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
