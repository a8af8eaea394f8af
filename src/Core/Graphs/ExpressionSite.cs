using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <summary>A string value that holds <c>${{</c>, with where it was written.</summary>
/// <param name="Value">The string.</param>
/// <param name="At">The YAML scalar it came from.</param>
/// <param name="Field">Dotted path of the value, such as <c>nodes.tester.with.patch</c>.</param>
internal sealed record ExpressionSite(string Value, YamlNode At, string Field);
