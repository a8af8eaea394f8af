using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <summary>One check a regression test makes on the skill's output.</summary>
/// <param name="Type">One of <see cref="AssertionType"/>.</param>
/// <param name="Path">A JSON pointer (RFC 6901) into the output, such as <c>/decision</c>; empty for the whole output.</param>
/// <param name="Value">The expected JSON (equals, contains on an array), text (contains, not-contains, regex) or rubric.</param>
/// <param name="Description">Why the assertion exists, for a person.</param>
public sealed record TestAssertion(string Type, string Path, JsonNode? Value, string Description)
{
    /// <summary>Gets a value indicating whether the assertion is evaluated locally (everything except <see cref="AssertionType.Rubric"/>).</summary>
    public bool IsDeterministic => Type != AssertionType.Rubric;

    /// <summary>Gets when the assertion applies, or null for always (see <see cref="AssertionCondition"/>).</summary>
    public AssertionCondition? When { get; init; }
}
