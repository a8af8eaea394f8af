using System.Text.Json;
using System.Text.Json.Serialization;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Storage;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Hosting;

/// <summary>
/// Moves messages that cannot be processed to <c>&lt;queue&gt;-poison</c>, wrapped with the reason, so nothing is
/// dropped silently and an operator can see why (the Functions host's own poison queue keeps only the raw text).
/// </summary>
public sealed partial class DeadLetterQueue(RunStore store, TimeProvider time, ILogger<DeadLetterQueue> logger)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Writes a message to the poison queue of <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue it came from.</param>
    /// <param name="message">The message.</param>
    /// <param name="reason">Why it is dead-lettered.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the poison message is stored.</returns>
    public async Task SendAsync(string queue, InboundMessage message, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var poison = OrchestrationOptions.PoisonQueueOf(queue);
        var body = JsonSerializer.Serialize(new DeadLetter(1, queue, reason, message.MessageId, message.DequeueCount, time.GetUtcNow(), message.Text), s_json);
        var text = await store.Payloads.WrapMessageAsync("dead-letters", body, cancellationToken);
        await store.Queue(poison).SendMessageAsync(text, timeToLive: Timeout.InfiniteTimeSpan, cancellationToken: cancellationToken);
        LogDeadLettered(logger, message.MessageId, queue, poison, reason);
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
