namespace AgentFunctions.Cli.Commands;

/// <summary>The command line parsed but an argument is unusable (a malformed <c>--input</c>, an input file that is not JSON); exit 64.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to write it instead.</param>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
