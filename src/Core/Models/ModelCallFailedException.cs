namespace AgentFunctions.Core.Models;

/// <summary>Thrown by <see cref="ModelRouter.CompleteAsync"/> when no candidate answered: every one failed or was refused, or one failed in a way that does not fall back.</summary>
public sealed class ModelCallFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="requested">What the node asked for.</param>
    /// <param name="attempts">Every attempt, in order.</param>
    /// <param name="innerException">The last attempt's exception, if it threw one.</param>
    public ModelCallFailedException(string requested, IReadOnlyList<ModelAttempt> attempts, Exception? innerException)
        : base(Describe(requested, attempts), innerException)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        Requested = requested;
        Attempts = attempts;
    }

    /// <summary>Gets what the node asked for.</summary>
    public string Requested { get; }

    /// <summary>Gets every attempt, in order.</summary>
    public IReadOnlyList<ModelAttempt> Attempts { get; }

    /// <summary>Gets the model turns that were answered (and paid for) before the call failed, such as the turns of a tool
    /// conversation that ran out of budget.</summary>
    public IReadOnlyList<Pipeline.ModelTurn> Turns { get; init; } = [];

    /// <summary>Gets the tool calls made before the call failed.</summary>
    public IReadOnlyList<ToolCalling.ToolCallRecord> ToolCalls { get; init; } = [];

    /// <summary>Gets the USD the answered turns cost.</summary>
    public decimal CostUsd => Turns.Sum(t => t.CostUsd);

    /// <summary>Gets whether every attempt was refused by the budget gate (no model was called).</summary>
    public bool RefusedByBudget => Attempts.Count > 0 && Attempts.All(a => a.Outcome == ModelAttemptOutcome.RefusedByBudget);

    private static string Describe(string requested, IReadOnlyList<ModelAttempt> attempts)
    {
        if (attempts.Count == 1)
        {
            return attempts[0].Error ?? $"Model call to {attempts[0].Model} failed.";
        }

        return $"No model answered for {requested} after {attempts.Count} attempt(s): " +
            string.Join("; ", attempts.Select(a => $"{a.Model} ({a.Provider}): {ModelAttempts.ToWire(a.Outcome)} — {a.Error}")) + ".";
    }
}
