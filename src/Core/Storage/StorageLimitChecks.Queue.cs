using System.Text;
using Azure;

namespace AgentFunctions.Core.Storage;

/// <content>Queue limits: message size, visibility timeouts, time to live, batch size.</content>
internal static partial class StorageLimitChecks
{
    /// <summary>The longest visibility timeout or delay the queue service accepts: 7 days, in seconds.</summary>
    public const int MaxVisibilitySeconds = 7 * 24 * 60 * 60;

    /// <summary>The most messages one receive or peek returns.</summary>
    public const int MaxMessagesPerReceive = 32;

    /// <summary>Rejects a message whose text is larger than <see cref="StorageLimits.MaxQueueMessageTextBytes"/> UTF-8 bytes.</summary>
    /// <param name="messageText">The message text.</param>
    /// <exception cref="RequestFailedException">413 <c>MessageTooLarge</c>.</exception>
    public static void CheckMessageText(string messageText)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var bytes = Encoding.UTF8.GetByteCount(messageText);
        if (bytes > StorageLimits.MaxQueueMessageTextBytes)
        {
            throw new RequestFailedException(
                413,
                $"The message text is {bytes} UTF-8 bytes; at most {StorageLimits.MaxQueueMessageTextBytes} are allowed (checked before sending).",
                StorageErrorCodes.MessageTooLarge,
                innerException: null);
        }
    }

    /// <summary>Converts a send's delay and time to live to the whole seconds the service takes, checking their ranges.</summary>
    /// <param name="visibilityDelay">0 – 7 days, or null for none.</param>
    /// <param name="timeToLive">At least 1 second, <see cref="Timeout.InfiniteTimeSpan"/> for never, or null for 7 days.</param>
    /// <returns>The delay in seconds and the time to live in seconds (-1 for never, null for the service default).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range, or the delay is not shorter than the time to live.</exception>
    public static (int DelaySeconds, int? TimeToLiveSeconds) ToSendSeconds(TimeSpan? visibilityDelay, TimeSpan? timeToLive)
    {
        var delay = visibilityDelay is { } d ? ToSeconds(d, 0, MaxVisibilitySeconds, nameof(visibilityDelay)) : 0;
        int? ttl = timeToLive switch
        {
            null => null,
            { } t when t == Timeout.InfiniteTimeSpan => -1,
            { } t => ToSeconds(t, 1, int.MaxValue, nameof(timeToLive)),
        };
        var effectiveTtl = ttl ?? MaxVisibilitySeconds;
        if (effectiveTtl != -1 && delay >= effectiveTtl)
        {
            throw new ArgumentOutOfRangeException(nameof(visibilityDelay), visibilityDelay, "The visibility delay must be shorter than the time to live.");
        }

        return (delay, ttl);
    }

    /// <summary>Checks a receive: 1–32 messages, visibility timeout 1 second – 7 days.</summary>
    /// <param name="maxMessages">Messages wanted.</param>
    /// <param name="visibilityTimeout">How long received messages stay hidden.</param>
    /// <returns>The visibility timeout in whole seconds (rounded up).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static int CheckReceive(int maxMessages, TimeSpan visibilityTimeout)
    {
        CheckMaxMessages(maxMessages);
        return ToSeconds(visibilityTimeout, 1, MaxVisibilitySeconds, nameof(visibilityTimeout));
    }

    /// <summary>Checks a message count for a receive or peek: 1–32.</summary>
    /// <param name="maxMessages">Messages wanted.</param>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public static void CheckMaxMessages(int maxMessages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerReceive);
    }

    /// <summary>Checks an update or delete of a received message.</summary>
    /// <param name="messageId">The message id; not empty.</param>
    /// <param name="popReceipt">The pop receipt; not empty.</param>
    /// <param name="visibilityTimeout">For updates: 0 seconds – 7 days; null for deletes.</param>
    /// <returns>The visibility timeout in whole seconds (rounded up), or 0 for deletes.</returns>
    /// <exception cref="ArgumentException">An id or receipt is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is out of range.</exception>
    public static int CheckMessageReference(string messageId, string popReceipt, TimeSpan? visibilityTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        return visibilityTimeout is { } v ? ToSeconds(v, 0, MaxVisibilitySeconds, nameof(visibilityTimeout)) : 0;
    }

    private static int ToSeconds(TimeSpan value, int min, int max, string paramName)
    {
        var seconds = Math.Ceiling(value.TotalSeconds);
        if (seconds < min || seconds > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Must be between {min} and {max} seconds.");
        }

        return (int)seconds;
    }
}
