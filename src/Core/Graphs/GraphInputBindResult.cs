using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Graphs;

/// <summary>The outcome of binding a run's supplied inputs to a graph's declared inputs.</summary>
/// <param name="Inputs">Every declared input by name (supplied value, else its default, else null) when binding succeeded; otherwise null.</param>
/// <param name="Errors">What is wrong with the supplied inputs (field <c>inputs.name</c>, no line); empty on success.</param>
public sealed record GraphInputBindResult(JsonObject? Inputs, IReadOnlyList<GraphError> Errors)
{
    /// <summary>Gets a value indicating whether the inputs were bound.</summary>
    [MemberNotNullWhen(true, nameof(Inputs))]
    public bool IsValid => Inputs is not null;
}
