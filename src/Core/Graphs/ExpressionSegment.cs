using System.Globalization;

namespace AgentFunctions.Core.Graphs;

/// <summary>One step of an expression's path: a field of an object or an index into an array.</summary>
/// <param name="Field">The object field (<c>.patch</c> or <c>['odd key']</c>), or null for an index.</param>
/// <param name="Index">The 0-based array index (<c>[0]</c>), or null for a field.</param>
public sealed record ExpressionSegment(string? Field, int? Index)
{
    /// <summary>Formats the segment as written in an expression: <c>.field</c>, <c>['odd key']</c> (double quotes when the key holds a single quote) or <c>[2]</c>.</summary>
    /// <returns>The segment text.</returns>
    public override string ToString()
    {
        if (Index is int index)
        {
            return string.Create(CultureInfo.InvariantCulture, $"[{index}]");
        }

        var quote = Field!.Contains('\'', StringComparison.Ordinal) ? "\"" : "'";
        return GraphExpression.IsPlainField(Field) ? "." + Field : $"[{quote}{Field}{quote}]";
    }
}
