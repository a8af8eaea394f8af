using System.Collections.Concurrent;
using Azure;

namespace AgentFunctions.Core.Storage.InMemory;

/// <summary>An <see cref="IQueueClient"/> over an <see cref="InMemoryQueue"/> held by its account.</summary>
internal sealed class InMemoryQueueClient : IQueueClient
{
    private readonly ConcurrentDictionary<string, InMemoryQueue> _queues;
    private readonly TimeProvider _time;

    public InMemoryQueueClient(string name, ConcurrentDictionary<string, InMemoryQueue> queues, TimeProvider time)
    {
        Name = name;
        _queues = queues;
        _time = time;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _queues.GetOrAdd(Name, _ => new InMemoryQueue(_time));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<QueueSendReceipt> SendMessageAsync(string messageText, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckMessageText(messageText);
        var (delay, ttl) = StorageLimitChecks.ToSendSeconds(visibilityDelay, timeToLive);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Queue().Send(messageText, delay, ttl));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var seconds = StorageLimitChecks.CheckReceive(maxMessages, visibilityTimeout);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Queue().Receive(maxMessages, seconds));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<QueueMessage>> PeekMessagesAsync(int maxMessages, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckMaxMessages(maxMessages);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Queue().Peek(maxMessages));
    }

    /// <inheritdoc/>
    public Task<QueueUpdateReceipt> UpdateMessageVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var seconds = StorageLimitChecks.CheckMessageReference(messageId, popReceipt, visibilityTimeout);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Queue().Update(messageId, popReceipt, seconds));
    }

    /// <inheritdoc/>
    public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        StorageLimitChecks.CheckMessageReference(messageId, popReceipt);
        cancellationToken.ThrowIfCancellationRequested();
        Queue().Delete(messageId, popReceipt);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Queue().Count());
    }

    private InMemoryQueue Queue() =>
        _queues.TryGetValue(Name, out var queue)
            ? queue
            : throw new RequestFailedException(404, $"The queue '{Name}' does not exist.", StorageErrorCodes.QueueNotFound, innerException: null);
}
