namespace AgentFunctions.Core.Models.Routing;

/// <summary>One attempt failed; <see cref="FallBack"/> tells the router's Polly pipeline whether to try the next candidate.</summary>
internal sealed class ModelAttemptException(bool fallBack, string message, Exception? innerException) : Exception(message, innerException)
{
    /// <summary>Gets whether the next candidate should be tried.</summary>
    public bool FallBack { get; } = fallBack;
}
