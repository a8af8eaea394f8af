using System.Diagnostics.CodeAnalysis;

namespace AgentFunctions.Core.Graphs;

/// <summary>The outcome of loading one graph: either a valid <see cref="GraphDefinition"/> or the errors that prevent it.</summary>
/// <param name="SourceName">Where the text came from (a file name, or a label such as <c>request</c>), for messages.</param>
/// <param name="Graph">The graph when the text is valid; otherwise null.</param>
/// <param name="Errors">Every error found, ordered by line; empty when <paramref name="Graph"/> is set.</param>
public sealed record GraphLoadResult(string SourceName, GraphDefinition? Graph, IReadOnlyList<GraphError> Errors)
{
    /// <summary>Gets a value indicating whether the graph loaded without errors.</summary>
    [MemberNotNullWhen(true, nameof(Graph))]
    public bool IsValid => Graph is not null;

    /// <summary>Formats every error as <c>source:line:column: code: message</c>, one per line, the way compilers do.</summary>
    /// <returns>The errors as text; empty when the graph is valid.</returns>
    public string FormatErrors() => string.Join(
        Environment.NewLine,
        Errors.Select(e => e.Line is int line
            ? $"{SourceName}:{line}:{e.Column ?? 1}: {e.Code}: {e.Message}"
            : $"{SourceName}: {e.Code}: {e.Message}"));
}
