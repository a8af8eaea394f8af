namespace AgentFunctions.Core.Messaging;

/// <summary>A queue message as a trigger delivers it, whichever host received it (the Functions host or the standalone listener).</summary>
/// <param name="Queue">The queue it came from.</param>
/// <param name="MessageId">The queue message id (stable across deliveries).</param>
/// <param name="Text">The decoded message text.</param>
/// <param name="DequeueCount">How many times it has been delivered, this time included.</param>
public sealed record InboundMessage(string Queue, string MessageId, string Text, long DequeueCount);
