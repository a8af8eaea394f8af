namespace AgentFunctions.Core.Hosting;

/// <summary>A queue message as a trigger delivers it, whichever host received it.</summary>
/// <param name="MessageId">The queue message id (stable across deliveries).</param>
/// <param name="Text">The decoded message text.</param>
/// <param name="DequeueCount">How many times it has been delivered, this time included.</param>
public sealed record InboundMessage(string MessageId, string Text, long DequeueCount);

/// <summary>What to do with a message after its handler ran.</summary>
public enum MessageDisposition
{
    /// <summary>Handled: delete it.</summary>
    Completed,

    /// <summary>Moved to the poison queue with its reason: delete it.</summary>
    DeadLettered,

    /// <summary>Failed transiently: leave it to be delivered again.</summary>
    Retry,
}

/// <summary>The outcome for one message.</summary>
/// <param name="Message">The message.</param>
/// <param name="Disposition">What to do with it.</param>
/// <param name="Error">The failure, for <see cref="MessageDisposition.Retry"/> and <see cref="MessageDisposition.DeadLettered"/>.</param>
public sealed record MessageOutcome(InboundMessage Message, MessageDisposition Disposition, string? Error = null);
