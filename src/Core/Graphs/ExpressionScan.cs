namespace AgentFunctions.Core.Graphs;

/// <summary>The expressions found in one string value, and what is malformed in it.</summary>
/// <param name="Expressions">Every well-formed <c>${{ }}</c> expression, in order.</param>
/// <param name="Errors">One message per malformed expression; empty when all are well formed.</param>
/// <param name="IsExact">True when the whole string is exactly one expression (it then resolves to a JSON value of any type).</param>
public sealed record ExpressionScan(IReadOnlyList<GraphExpression> Expressions, IReadOnlyList<string> Errors, bool IsExact)
{
    /// <summary>Gets a value indicating whether every expression in the string is well formed.</summary>
    public bool IsValid => Errors.Count == 0;
}
