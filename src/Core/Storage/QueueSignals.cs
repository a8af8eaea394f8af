using System.Collections.Concurrent;

namespace AgentFunctions.Core.Storage;

/// <summary>
/// In-process wake-ups for queue pollers: when this process sends a visible message to a queue, it tells its own pollers
/// of that queue, which then receive at once instead of after their polling back-off. Messages sent by other processes
/// are still found by polling; the signal only removes the wait when sender and receiver share a process (a standalone
/// host that orchestrates and works, the usual case). A signal is a hint: a poller woken for nothing just polls.
/// </summary>
public sealed class QueueSignals
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    /// <summary>Tells the pollers of <paramref name="queue"/> in this process that a message is waiting.</summary>
    /// <param name="queue">The queue name.</param>
    public void Notify(string queue)
    {
        var signal = Signal(queue);
        lock (signal)
        {
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        }
    }

    /// <summary>Waits until <paramref name="queue"/> is signalled or <paramref name="timeout"/> passes.</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="timeout">The longest wait (the poller's back-off).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when signalled, false when the time passed.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<bool> WaitAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        Signal(queue).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim Signal(string queue) => _signals.GetOrAdd(queue, _ => new SemaphoreSlim(0, 1));
}
