using Azure;

namespace AgentFunctions.Core.Storage.InMemory;

/// <summary>
/// The state of one in-memory queue with Azure Queue Storage semantics: insertion order, visibility timeouts,
/// dequeue counts, pop receipts that change on every receive or update, and message expiry. Thread-safe.
/// </summary>
internal sealed class InMemoryQueue
{
    private static readonly TimeSpan s_defaultTimeToLive = TimeSpan.FromDays(7);

    private readonly Lock _gate = new();
    private readonly List<StoredMessage> _messages = [];
    private readonly TimeProvider _time;

    public InMemoryQueue(TimeProvider time) => _time = time;

    public QueueSendReceipt Send(string text, int delaySeconds, int? timeToLiveSeconds)
    {
        var now = _time.GetUtcNow();
        var message = new StoredMessage
        {
            Id = Guid.NewGuid().ToString(),
            Text = text,
            InsertedOn = now,
            ExpiresOn = timeToLiveSeconds switch
            {
                null => now + s_defaultTimeToLive,
                -1 => DateTimeOffset.MaxValue,
                { } s => now.AddSeconds(s),
            },
            NextVisibleOn = now.AddSeconds(delaySeconds),
            PopReceipt = NewPopReceipt(),
        };
        lock (_gate)
        {
            _messages.Add(message);
        }

        return new QueueSendReceipt(message.Id, message.PopReceipt, message.NextVisibleOn);
    }

    public IReadOnlyList<QueueMessage> Receive(int maxMessages, int visibilitySeconds)
    {
        var now = _time.GetUtcNow();
        var result = new List<QueueMessage>();
        lock (_gate)
        {
            RemoveExpired(now);
            foreach (var message in _messages)
            {
                if (result.Count == maxMessages)
                {
                    break;
                }

                if (message.NextVisibleOn <= now)
                {
                    message.DequeueCount++;
                    message.PopReceipt = NewPopReceipt();
                    message.NextVisibleOn = now.AddSeconds(visibilitySeconds);
                    result.Add(message.ToQueueMessage(message.PopReceipt));
                }
            }
        }

        return result;
    }

    public IReadOnlyList<QueueMessage> Peek(int maxMessages)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            RemoveExpired(now);
            return _messages.Where(m => m.NextVisibleOn <= now).Take(maxMessages).Select(m => m.ToQueueMessage(string.Empty)).ToList();
        }
    }

    public QueueUpdateReceipt Update(string messageId, string popReceipt, int visibilitySeconds)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var message = Find(messageId, popReceipt, now);
            message.PopReceipt = NewPopReceipt();
            message.NextVisibleOn = now.AddSeconds(visibilitySeconds);
            return new QueueUpdateReceipt(message.PopReceipt, message.NextVisibleOn);
        }
    }

    public void Delete(string messageId, string popReceipt)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _messages.Remove(Find(messageId, popReceipt, now));
        }
    }

    public int Count()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            RemoveExpired(now);
            return _messages.Count;
        }
    }

    private StoredMessage Find(string messageId, string popReceipt, DateTimeOffset now)
    {
        RemoveExpired(now);
        var message = _messages.Find(m => string.Equals(m.Id, messageId, StringComparison.Ordinal))
            ?? throw new RequestFailedException(404, "The specified message does not exist.", StorageErrorCodes.MessageNotFound, innerException: null);
        if (!string.Equals(message.PopReceipt, popReceipt, StringComparison.Ordinal))
        {
            throw new RequestFailedException(400, "The specified pop receipt did not match the pop receipt for a dequeued message.", StorageErrorCodes.PopReceiptMismatch, innerException: null);
        }

        return message;
    }

    private void RemoveExpired(DateTimeOffset now) => _messages.RemoveAll(m => m.ExpiresOn <= now);

    private static string NewPopReceipt() => Convert.ToBase64String(Guid.NewGuid().ToByteArray());

    private sealed class StoredMessage
    {
        public required string Id { get; init; }

        public required string Text { get; init; }

        public required DateTimeOffset InsertedOn { get; init; }

        public required DateTimeOffset ExpiresOn { get; init; }

        public required DateTimeOffset NextVisibleOn { get; set; }

        public required string PopReceipt { get; set; }

        public long DequeueCount { get; set; }

        public QueueMessage ToQueueMessage(string popReceipt) =>
            new(Id, popReceipt, DequeueCount, InsertedOn, ExpiresOn, NextVisibleOn, Text);
    }
}
