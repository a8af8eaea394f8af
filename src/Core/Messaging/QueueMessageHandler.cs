using System.Diagnostics;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Messaging;

/// <summary>
/// What every queue function does around its handler, whichever host delivered the message: unwrap a payload reference,
/// run the handler, and dead-letter (with the reason) what can never succeed — a malformed message at once, a failing one on
/// its last allowed delivery (<c>Orchestration:MaxDequeueCount</c>, keep it equal to host.json
/// <c>extensions.queues.maxDequeueCount</c>) — so the host deletes it. A transient failure before the last delivery is
/// rethrown, so the host delivers the message again.
/// </summary>
/// <param name="deadLetters">The poison queues.</param>
/// <param name="payloads">Unwraps messages whose text was moved to a blob.</param>
/// <param name="options">The delivery limit.</param>
/// <param name="logger">Logs retries.</param>
public sealed partial class QueueMessageHandler(DeadLetterQueue deadLetters, PayloadStore payloads, IOptions<OrchestrationOptions> options, ILogger<QueueMessageHandler> logger)
{
    /// <summary>Handles one message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="handler">Processes the (unwrapped) text; throws <see cref="MalformedMessageException"/> for a message that can never succeed.</param>
    /// <param name="cancellationToken">Cancels handling (the message is then delivered again).</param>
    /// <returns>Completed, or dead-lettered with the reason.</returns>
    /// <exception cref="Exception">The handler failed transiently before the last delivery: deliver the message again.</exception>
    public async Task<MessageOutcome> HandleAsync(InboundMessage message, Func<string, CancellationToken, Task> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(handler);

        // A consumer span per delivery (messaging semantic conventions); a run the message starts is its child.
        using var span = AgentTelemetry.Source.StartActivity($"process {message.Queue}", ActivityKind.Consumer);
        span?.SetTag(TelemetryTags.MessagingSystem, "azure_storage_queues");
        span?.SetTag(TelemetryTags.MessagingOperationType, "process");
        span?.SetTag(TelemetryTags.MessagingDestination, message.Queue);
        span?.SetTag(TelemetryTags.MessagingMessageId, message.MessageId);
        span?.SetTag(TelemetryTags.MessagingDeliveryCount, message.DequeueCount);
        try
        {
            var outcome = await HandleDeliveryAsync(message, handler, cancellationToken);
            span?.SetTag(TelemetryTags.MessageOutcome, outcome.DeadLettered ? "dead_lettered" : "completed");
            if (outcome.DeadLettered)
            {
                AgentTelemetry.Fail(span, "dead_lettered", outcome.Reason);
            }

            return outcome;
        }
        catch (Exception ex)
        {
            AgentTelemetry.Fail(span, ex.GetType().Name, ex.Message);
            throw;
        }
    }

    private async Task<MessageOutcome> HandleDeliveryAsync(InboundMessage message, Func<string, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxDequeueCount;
        if (message.DequeueCount > max)
        {
            return await DeadLetterAsync(message, $"Delivered {message.DequeueCount} times without completing (limit {max}); the process handling it may have crashed each time.", cancellationToken);
        }

        try
        {
            string text;
            try
            {
                text = await payloads.UnwrapMessageAsync(message.Text, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                throw new MalformedMessageException(ex.Message, ex);
            }

            await handler(text, cancellationToken);
            return MessageOutcome.Completed;
        }
        catch (MalformedMessageException ex)
        {
            return await DeadLetterAsync(message, $"Malformed message: {ex.Message}", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= max)
            {
                return await DeadLetterAsync(message, $"Failed on delivery {message.DequeueCount} of {max}: {ex.GetType().Name}: {ex.Message}", cancellationToken);
            }

            LogRetry(logger, ex, message.MessageId, message.Queue, message.DequeueCount, max);
            throw;
        }
    }

    private async Task<MessageOutcome> DeadLetterAsync(InboundMessage message, string reason, CancellationToken cancellationToken)
    {
        await deadLetters.SendAsync(message, reason, cancellationToken);
        return new MessageOutcome(true, reason);
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} failed on delivery {DequeueCount} of {Max}; it will be delivered again")]
    private static partial void LogRetry(ILogger logger, Exception exception, string messageId, string queue, long dequeueCount, int max);
}
