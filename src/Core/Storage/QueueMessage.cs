namespace AgentFunctions.Core.Storage;

/// <summary>A message received from (or peeked at in) a queue.</summary>
/// <param name="MessageId">Service-assigned id, stable across deliveries.</param>
/// <param name="PopReceipt">Receipt needed to delete or update the message; empty for peeked messages.</param>
/// <param name="DequeueCount">How many times the message has been received, including this time.</param>
/// <param name="InsertedOn">When the message was added.</param>
/// <param name="ExpiresOn">When the message expires.</param>
/// <param name="NextVisibleOn">When the message becomes visible again unless deleted or updated.</param>
/// <param name="MessageText">The decoded message text.</param>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn,
    string MessageText);

/// <summary>What the service returns for a sent message.</summary>
/// <param name="MessageId">The new message's id.</param>
/// <param name="PopReceipt">A receipt valid until the message is first received.</param>
/// <param name="NextVisibleOn">When the message first becomes visible.</param>
public sealed record QueueSendReceipt(string MessageId, string PopReceipt, DateTimeOffset NextVisibleOn);

/// <summary>What the service returns for a visibility update.</summary>
/// <param name="PopReceipt">The new receipt; the previous one no longer works.</param>
/// <param name="NextVisibleOn">When the message becomes visible again.</param>
public sealed record QueueUpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
