namespace AgentFunctions.Core.Storage;

/// <summary>
/// Operations on one storage queue, with Azure Queue Storage semantics: at-least-once delivery,
/// a visibility timeout per received message, a pop receipt that changes on every receive or update,
/// and a dequeue count that grows on every receive.
/// Failures surface as <see cref="global::Azure.RequestFailedException"/> with the service's status and error code
/// (404 <c>QueueNotFound</c>/<c>MessageNotFound</c>, 400 <c>PopReceiptMismatch</c>, 413 <c>MessageTooLarge</c>).
/// </summary>
public interface IQueueClient
{
    /// <summary>Gets the queue name.</summary>
    string Name { get; }

    /// <summary>Creates the queue when it does not exist yet; does nothing when it does.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the queue exists.</returns>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a message to the back of the queue.</summary>
    /// <param name="messageText">The message text; at most <see cref="StorageLimits.MaxQueueMessageTextBytes"/> UTF-8 bytes
    /// (48 KiB, because it is sent base64-encoded and a queue message holds at most 64 KiB).</param>
    /// <param name="visibilityDelay">How long the message stays invisible before its first delivery (0 – 7 days); none when null.</param>
    /// <param name="timeToLive">How long the message lives; null for the service default (7 days), <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The id and first pop receipt of the new message.</returns>
    /// <exception cref="global::Azure.RequestFailedException">413 <c>MessageTooLarge</c> when the text is too large (checked before sending);
    /// 404 <c>QueueNotFound</c> when the queue does not exist.</exception>
    Task<QueueSendReceipt> SendMessageAsync(string messageText, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>Receives up to <paramref name="maxMessages"/> visible messages and hides them for <paramref name="visibilityTimeout"/>.</summary>
    /// <param name="maxMessages">1–32 messages.</param>
    /// <param name="visibilityTimeout">1 second – 7 days.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The received messages, possibly none.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A limit above is broken.</exception>
    Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Returns up to <paramref name="maxMessages"/> visible messages without hiding them or changing their dequeue count.</summary>
    /// <param name="maxMessages">1–32 messages.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The peeked messages; their <see cref="QueueMessage.PopReceipt"/> is empty.</returns>
    Task<IReadOnlyList<QueueMessage>> PeekMessagesAsync(int maxMessages, CancellationToken cancellationToken = default);

    /// <summary>Changes how long a received message stays invisible: renews a lease or abandons it with a delay.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="popReceipt">The latest pop receipt of the message.</param>
    /// <param name="visibilityTimeout">0 seconds – 7 days from now.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new pop receipt (the old one stops working) and when the message becomes visible.</returns>
    /// <exception cref="global::Azure.RequestFailedException">400 <c>PopReceiptMismatch</c> for a stale receipt; 404 <c>MessageNotFound</c>.</exception>
    Task<QueueUpdateReceipt> UpdateMessageVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Deletes a received message.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="popReceipt">The latest pop receipt of the message.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the message is gone.</returns>
    /// <exception cref="global::Azure.RequestFailedException">400 <c>PopReceiptMismatch</c> for a stale receipt; 404 <c>MessageNotFound</c>.</exception>
    Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default);

    /// <summary>Gets the approximate number of messages in the queue (visible or not).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The approximate count.</returns>
    Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default);
}
