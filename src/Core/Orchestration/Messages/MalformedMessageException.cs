namespace AgentFunctions.Core.Orchestration.Messages;

/// <summary>Thrown when a queue message cannot be understood; such messages are dead-lettered at once with <see cref="Exception.Message"/> as the reason.</summary>
public sealed class MalformedMessageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What is wrong, naming the field.</param>
    /// <param name="innerException">The parse error, if any.</param>
    public MalformedMessageException(string reason, Exception? innerException = null)
        : base(reason, innerException)
    {
    }
}
