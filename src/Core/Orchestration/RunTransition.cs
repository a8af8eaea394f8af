using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// The run state machine as a pure function: (state, events) → (new state, work items to dispatch, events to record).
/// No I/O and no clock of its own, so it is tested exhaustively without storage and replayed safely by an orchestrator:
/// applying an event twice changes nothing the second time (a completion for an attempt that is no longer current is
/// ignored). The graph orchestrator keeps one <see cref="RunMachine"/> for a whole run instead of copying the state per step.
/// </summary>
public static class RunTransition
{
    /// <summary>Largest retry back-off, as in Durable Task's poison back-off cap scaled down for interactive runs.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    /// <summary>Applies events to a copy of a run's state.</summary>
    /// <param name="snapshot">The current state (not changed).</param>
    /// <param name="graph">The graph the run executes.</param>
    /// <param name="events">Events to apply, in order.</param>
    /// <param name="budget">Cost plan of every node and the domain-budget refusals known so far.</param>
    /// <param name="now">The time to stamp on changes.</param>
    /// <returns>The changes.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An event is of an unknown type.</exception>
    public static TransitionResult Apply(
        RunSnapshot snapshot,
        GraphDefinition graph,
        IReadOnlyList<OrchestratorEvent> events,
        BudgetInputs budget,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(graph);
        return new RunMachine(snapshot, graph).Apply(events, budget, now);
    }

    /// <summary>Computes the back-off before retry number <paramref name="nextAttempt"/>: 1 s, 2 s, 4 s … capped at <see cref="MaxRetryDelay"/>.</summary>
    /// <param name="nextAttempt">The attempt about to be dispatched (2 for the first retry).</param>
    /// <returns>The delay.</returns>
    public static TimeSpan RetryDelay(int nextAttempt)
    {
        var seconds = Math.Pow(2, Math.Clamp(nextAttempt - 2, 0, 10));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelay.TotalSeconds));
    }
}
