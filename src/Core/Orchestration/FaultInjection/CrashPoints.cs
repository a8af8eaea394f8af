namespace AgentFunctions.Core.Orchestration.FaultInjection;

/// <summary>
/// Named step boundaries of the orchestrator and the worker where a test can simulate the process dying. In production
/// nothing arms it and <see cref="Hit"/> is one volatile read; a test arms one point to throw
/// <see cref="SimulatedCrashException"/> at its Nth hit, then discards the whole process state (service provider, caches)
/// and lets the queue redeliver, proving that every boundary is safe to die at (design §4: state first, then messages).
/// </summary>
/// <remarks>
/// What recovers each crash: before the commit, redelivery repeats the step; after it, the outbox row left behind is sent
/// again by the next step of the run (duplicate work items are dropped or re-send the stored completion); a pending journal
/// is finished by the next load; a worker that dies before its result is written is redelivered and executes the node
/// again (only after <see cref="WorkerExecuted"/> has the node already run); after the result is written the redelivery
/// only re-sends the completion. The tests in <c>tests/AgentFunctions.Core.Tests/Orchestration/Faults</c> crash at each point.
/// </remarks>
public sealed class CrashPoints
{
    /// <summary>Orchestrator: the run's state is in hand (loaded from the partition or taken from the cache), nothing written yet.</summary>
    public const string OrchestratorLoaded = "orchestrator.loaded";

    /// <summary>Orchestrator: the step is committed (header, nodes, events, outbox row); no outbox message is sent yet.</summary>
    public const string OrchestratorCommitted = "orchestrator.committed";

    /// <summary>Orchestrator: one outbox message was sent; hit after each, so arming the Nth hit leaves later messages of the row unsent.</summary>
    public const string OutboxMessageSent = "outbox.message-sent";

    /// <summary>Orchestrator: every message of an outbox row was sent; the row is not deleted yet.</summary>
    public const string OutboxSent = "outbox.sent";

    /// <summary>Orchestrator: the step is committed and its outbox flushed and deleted; the incoming messages are not deleted yet.</summary>
    public const string OrchestratorStepDone = "orchestrator.step-done";

    /// <summary>Journaled commit (over 100 rows): the first transaction (header, events, outbox, journal row) is written; no node row yet.</summary>
    public const string JournalBegun = "journal.begun";

    /// <summary>Journaled commit: a chunk of node rows is written and more follow (the journal is not cleared yet).</summary>
    public const string JournalChunkWritten = "journal.chunk-written";

    /// <summary>Worker: the node row is marked running (with the delivery id); the node has not executed.</summary>
    public const string WorkerMarkedRunning = "worker.marked-running";

    /// <summary>Worker: the node executed; its result row is not written (the only point after which the node legitimately runs again).</summary>
    public const string WorkerExecuted = "worker.executed";

    /// <summary>Worker: the result row is written (first writer wins); the completion is not sent yet.</summary>
    public const string WorkerResultStored = "worker.result-stored";

    /// <summary>Worker: the completion was sent to the orchestrator queue; the work item is not deleted yet.</summary>
    public const string WorkerCompletionSent = "worker.completion-sent";

    private Armed? _armed;

    /// <summary>Gets every point, in the order a step meets them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        OrchestratorLoaded, OrchestratorCommitted, OutboxMessageSent, OutboxSent, OrchestratorStepDone, JournalBegun, JournalChunkWritten,
        WorkerMarkedRunning, WorkerExecuted, WorkerResultStored, WorkerCompletionSent,
    ];

    /// <summary>Gets the crash thrown since the point was armed, or null while none was.</summary>
    public SimulatedCrashException? Crash => Volatile.Read(ref _armed)?.Crash;

    /// <summary>Arms one point: its <paramref name="hit"/>th hit from now throws <see cref="SimulatedCrashException"/>, and so does every hit of any point after it (a dead process does nothing more).</summary>
    /// <param name="point">One of <see cref="All"/>.</param>
    /// <param name="hit">Which hit crashes, from 1.</param>
    /// <exception cref="ArgumentException"><paramref name="point"/> is not a known point.</exception>
    public void Arm(string point, int hit = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hit, 1);
        if (!All.Contains(point, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown crash point '{point}'.", nameof(point));
        }

        Volatile.Write(ref _armed, new Armed(point, hit));
    }

    /// <summary>Passes a step boundary: does nothing unless a test armed this point (or a crash already happened).</summary>
    /// <param name="point">One of <see cref="All"/>.</param>
    /// <exception cref="SimulatedCrashException">The armed hit is reached, or the simulated process already crashed.</exception>
    public void Hit(string point)
    {
        if (Volatile.Read(ref _armed) is { } armed)
        {
            armed.Hit(point);
        }
    }

    private sealed class Armed(string point, int hit)
    {
        private int _hits;
        private SimulatedCrashException? _crash;

        public SimulatedCrashException? Crash => Volatile.Read(ref _crash);

        public void Hit(string at)
        {
            if (Crash is { } crashed)
            {
                throw new SimulatedCrashException(at, 0, crashed);
            }

            if (string.Equals(at, point, StringComparison.Ordinal) && Interlocked.Increment(ref _hits) == hit)
            {
                var crash = new SimulatedCrashException(at, hit, null);
                Volatile.Write(ref _crash, crash);
                throw crash;
            }
        }
    }
}
