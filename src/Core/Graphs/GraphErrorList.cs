using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <summary>Collects the errors of one load, each positioned at a YAML node.</summary>
internal sealed class GraphErrorList
{
    private readonly List<GraphError> _errors = [];

    /// <summary>Gets the number of errors so far.</summary>
    public int Count => _errors.Count;

    /// <summary>Adds an error positioned at the start of <paramref name="at"/>.</summary>
    public void Add(string code, string message, YamlNode? at, string? nodeId, string? field) =>
        Add(code, message, at?.Start, nodeId, field);

    /// <summary>Adds an error positioned at <paramref name="at"/>.</summary>
    public void Add(string code, string message, Mark? at, string? nodeId, string? field) =>
        _errors.Add(new GraphError(code, message, at is { } m ? (int)m.Line : null, at is { } c ? (int)c.Column : null, nodeId, field));

    /// <summary>Returns the errors ordered by position (errors without a position last), keeping the order of equal positions.</summary>
    public IReadOnlyList<GraphError> Sorted() =>
        _errors.OrderBy(e => e.Line ?? int.MaxValue).ThenBy(e => e.Column ?? 0).ToList();
}
