namespace AgentFunctions.Core.Safety.Pii;

/// <summary>A prompt held PII under a domain's <c>security.pii: block</c>; the model was not called.</summary>
public sealed class PiiBlockedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PiiBlockedException"/> class.</summary>
    public PiiBlockedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PiiBlockedException"/> class.</summary>
    /// <param name="message">Names the kinds found and the domain; never the values.</param>
    public PiiBlockedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PiiBlockedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PiiBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
