namespace AgentFunctions.Core.Messaging;

/// <summary>What became of a message that need not be delivered again (a message to retry is an exception instead).</summary>
/// <param name="DeadLettered">True when it was moved to <c>&lt;queue&gt;-poison</c>.</param>
/// <param name="Reason">Why it was dead-lettered, or null.</param>
public sealed record MessageOutcome(bool DeadLettered, string? Reason = null)
{
    /// <summary>Gets the outcome of a message handled successfully.</summary>
    public static MessageOutcome Completed { get; } = new(false);
}
