using System.Text.Json;
using System.Text.Json.Serialization;
using AgentFunctions.Core.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Messaging;

/// <summary>
/// Moves messages that cannot be processed to <c>&lt;queue&gt;-poison</c>, wrapped with the reason, so nothing is dropped
/// silently and an operator can see why (the Functions host's own poison handling keeps only the raw text).
/// </summary>
/// <param name="clients">The storage clients.</param>
/// <param name="payloads">Moves a large wrapped message to a blob.</param>
/// <param name="time">Timestamps the dead letter.</param>
/// <param name="logger">Logs each dead letter at Warning.</param>
public sealed partial class DeadLetterQueue(StorageClients clients, PayloadStore payloads, TimeProvider time, ILogger<DeadLetterQueue> logger)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Gets the poison queue name of a queue.</summary>
    /// <param name="queue">The queue.</param>
    /// <returns><c>&lt;queue&gt;-poison</c>.</returns>
    public static string PoisonQueueOf(string queue) => queue + "-poison";

    /// <summary>Writes a message to the poison queue of its queue (creating it if missing), never to expire.</summary>
    /// <param name="message">The message.</param>
    /// <param name="reason">Why it is dead-lettered.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the poison message is stored.</returns>
    /// <exception cref="Azure.RequestFailedException">Storage failed (the message is then retried).</exception>
    public async Task SendAsync(InboundMessage message, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var poison = PoisonQueueOf(message.Queue);
        var body = JsonSerializer.Serialize(new DeadLetter(1, message.Queue, reason, message.MessageId, message.DequeueCount, time.GetUtcNow(), message.Text), s_json);
        var text = await payloads.WrapMessageAsync("dead-letters", body, cancellationToken);
        var queue = clients.Queues.GetQueueClient(poison);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queue.SendMessageAsync(text, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
        LogDeadLettered(logger, message.MessageId, message.Queue, poison, reason);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Message {MessageId} moved from {Queue} to {PoisonQueue}: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string messageId, string queue, string poisonQueue, string reason);

    /// <summary>The JSON written to a poison queue.</summary>
    /// <param name="SchemaVersion">Always 1.</param>
    /// <param name="Queue">The queue it came from.</param>
    /// <param name="Reason">Why it was dead-lettered.</param>
    /// <param name="MessageId">The original message id.</param>
    /// <param name="DequeueCount">How many times it was delivered.</param>
    /// <param name="DeadLetteredAt">When.</param>
    /// <param name="Message">The original text, unchanged.</param>
    public sealed record DeadLetter(int SchemaVersion, string Queue, string Reason, string MessageId, long DequeueCount, DateTimeOffset DeadLetteredAt, string Message);
}
