using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// The run state machine as a pure function: (state, events) → (new state, work items to send, events to record).
/// No I/O and no clock of its own, so it is tested exhaustively without storage and replayed safely: applying an event
/// twice changes nothing the second time (a completion for an attempt that is no longer current is ignored).
/// </summary>
public static partial class RunTransition
{
    /// <summary>Largest retry back-off, as in Durable Task's poison back-off cap scaled down for interactive runs.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    /// <summary>Applies events to a run.</summary>
    /// <param name="snapshot">The current state.</param>
    /// <param name="graph">The graph the run executes.</param>
    /// <param name="events">Events to apply, in order.</param>
    /// <param name="budget">Cost plan of every node and the domain-budget refusals of this step.</param>
    /// <param name="now">The time to stamp on changes.</param>
    /// <returns>The changes.</returns>
    public static TransitionResult Apply(
        RunSnapshot snapshot,
        GraphDefinition graph,
        IReadOnlyList<OrchestratorEvent> events,
        BudgetInputs budget,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(budget);
        var state = new TransitionState(snapshot, graph, budget, now);
        foreach (var e in events)
        {
            switch (e)
            {
                case StartRun:
                    state.Start();
                    break;
                case NodeCompleted completed:
                    state.Complete(completed.Result);
                    break;
                case ApprovalDecided decided:
                    state.Decide(decided);
                    break;
                case CancelRun cancel:
                    state.Cancel(cancel);
                    break;
                default:
                    throw new ArgumentException($"Unknown event type {e.GetType().Name}.", nameof(events));
            }
        }

        state.Schedule();
        state.FinishIfDone();
        return state.ToResult();
    }

    /// <summary>Computes the back-off before retry number <paramref name="nextAttempt"/>: 1 s, 2 s, 4 s … capped at <see cref="MaxRetryDelay"/>.</summary>
    /// <param name="nextAttempt">The attempt about to be dispatched (2 for the first retry).</param>
    /// <returns>The delay.</returns>
    public static TimeSpan RetryDelay(int nextAttempt)
    {
        var seconds = Math.Pow(2, Math.Clamp(nextAttempt - 2, 0, 10));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelay.TotalSeconds));
    }

    private static JsonObject Data(params (string Key, JsonNode? Value)[] items)
    {
        var data = new JsonObject();
        foreach (var (key, value) in items)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return data;
    }
}
