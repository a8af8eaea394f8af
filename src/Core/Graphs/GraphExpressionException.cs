namespace AgentFunctions.Core.Graphs;

/// <summary>Thrown when an expression cannot be parsed or resolved (for example a field a node's output lacks).</summary>
public sealed class GraphExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="expression">The expression as written, such as <c>${{ nodes.fixer.output.patch }}</c>.</param>
    /// <param name="message">What went wrong.</param>
    public GraphExpressionException(string expression, string message)
        : base($"Expression '{expression}': {message}")
    {
        Expression = expression;
    }

    /// <summary>Gets the expression as written.</summary>
    public string Expression { get; }
}
