namespace AgentFunctions.Core.Models.Pipeline;

/// <summary>Thrown by <see cref="TurnGateChatClient"/> when a model turn is not sent: it would exceed the candidate's context
/// window or the budget gate refused it.</summary>
public sealed class ModelTurnRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="outcome">Why (<see cref="ModelAttemptOutcome.ContextExceeded"/> or <see cref="ModelAttemptOutcome.RefusedByBudget"/>).</param>
    /// <param name="turn">The 0-based turn that was refused.</param>
    /// <param name="message">The reason.</param>
    public ModelTurnRefusedException(ModelAttemptOutcome outcome, int turn, string message)
        : base(message)
    {
        Outcome = outcome;
        Turn = turn;
    }

    /// <summary>Creates the exception.</summary>
    public ModelTurnRefusedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The reason.</param>
    public ModelTurnRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="innerException">The cause.</param>
    public ModelTurnRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets why the turn was refused.</summary>
    public ModelAttemptOutcome Outcome { get; }

    /// <summary>Gets the 0-based turn that was refused (0: the call's first request).</summary>
    public int Turn { get; }
}
