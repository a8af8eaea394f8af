namespace AgentFunctions.TestSupport;

/// <summary>
/// A <see cref="TimeProvider"/> whose <see cref="GetUtcNow"/> moves only when a test calls <see cref="Advance"/>.
/// Timers and timestamps are not faked (they still use the system clock); use it for code that reads the time.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now;

    /// <summary>Creates the clock.</summary>
    /// <param name="start">The starting time; null for 2026-01-01T00:00:00Z.</param>
    public ManualTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward.</summary>
    /// <param name="delta">How far; not negative.</param>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
        {
            _now += delta;
        }
    }
}
