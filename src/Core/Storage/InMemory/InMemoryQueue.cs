using Azure;

namespace AgentFunctions.Core.Storage.InMemory;

/// <summary>
/// The state of one in-memory queue with Azure Queue Storage semantics: insertion order, visibility timeouts,
/// dequeue counts, pop receipts that change on every receive or update, and message expiry. Thread-safe. Messages are kept
/// in insertion order with an index by id, so a delete or update is O(1) and a queue of 10,000 messages stays cheap.
/// </summary>
internal sealed class InMemoryQueue
{
    private static readonly TimeSpan s_defaultTimeToLive = TimeSpan.FromDays(7);

    private readonly Lock _gate = new();
    private readonly LinkedList<StoredMessage> _messages = new();
    private readonly Dictionary<string, LinkedListNode<StoredMessage>> _byId = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private DateTimeOffset _earliestExpiry = DateTimeOffset.MaxValue;

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
            _byId[message.Id] = _messages.AddLast(message);
            if (message.ExpiresOn < _earliestExpiry)
            {
                _earliestExpiry = message.ExpiresOn;
            }
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
            var message = Find(messageId, popReceipt, now);
            _messages.Remove(_byId[message.Id]);
            _byId.Remove(message.Id);
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
        var message = (_byId.TryGetValue(messageId, out var node) ? node.Value : null)
            ?? throw new RequestFailedException(404, "The specified message does not exist.", StorageErrorCodes.MessageNotFound, innerException: null);
        if (!string.Equals(message.PopReceipt, popReceipt, StringComparison.Ordinal))
        {
            throw new RequestFailedException(400, "The specified pop receipt did not match the pop receipt for a dequeued message.", StorageErrorCodes.PopReceiptMismatch, innerException: null);
        }

        return message;
    }

    // Walks the queue only when some message has expired since the last walk.
    private void RemoveExpired(DateTimeOffset now)
    {
        if (now < _earliestExpiry)
        {
            return;
        }

        _earliestExpiry = DateTimeOffset.MaxValue;
        for (var node = _messages.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.ExpiresOn <= now)
            {
                _messages.Remove(node);
                _byId.Remove(node.Value.Id);
            }
            else if (node.Value.ExpiresOn < _earliestExpiry)
            {
                _earliestExpiry = node.Value.ExpiresOn;
            }

            node = next;
        }
    }

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
