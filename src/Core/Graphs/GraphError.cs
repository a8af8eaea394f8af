using System.Globalization;
using System.Text;

namespace AgentFunctions.Core.Graphs;

/// <summary>One problem found in a graph file or in the inputs of a run.</summary>
/// <param name="Code">Stable machine-readable code, one of <see cref="GraphErrorCodes"/>.</param>
/// <param name="Message">Human-readable explanation, with a suggestion where one exists.</param>
/// <param name="Line">1-based YAML line of the offending key or value, or null when the error has no position.</param>
/// <param name="Column">1-based YAML column, or null.</param>
/// <param name="NodeId">The node the error belongs to, or null for graph-level errors.</param>
/// <param name="Field">Dotted path of the offending field, such as <c>nodes.tester.needs</c> or <c>inputs.issue</c>, or null.</param>
public sealed record GraphError(string Code, string Message, int? Line, int? Column, string? NodeId, string? Field)
{
    /// <summary>Formats the error as <c>line 12, column 5: unknown_key (nodes.tester.neds): message</c>.</summary>
    /// <returns>One line of text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Line is int line)
        {
            text.Append(CultureInfo.InvariantCulture, $"line {line}");
            if (Column is int column)
            {
                text.Append(CultureInfo.InvariantCulture, $", column {column}");
            }

            text.Append(": ");
        }

        text.Append(Code);
        if (Field is not null)
        {
            text.Append(" (").Append(Field).Append(')');
        }

        return text.Append(": ").Append(Message).ToString();
    }
}
