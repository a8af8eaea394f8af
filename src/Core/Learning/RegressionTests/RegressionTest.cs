using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <summary>
/// A regression test generated from one correction: at validation time it <b>executes the skill</b> on the corrected
/// execution's input and checks the new output with <see cref="Assertions"/> (never the correction against itself, as the
/// seed's generated tests did).
/// </summary>
public sealed record RegressionTest
{
    /// <summary>Gets the id, <c>TEST-001</c>, unique within the skill.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the skill under test, <c>domain/skill</c>.</summary>
    public required string SkillId { get; init; }

    /// <summary>Gets the correction the test was generated from.</summary>
    public required string CorrectionId { get; init; }

    /// <summary>Gets the rule the correction added or strengthened (the rule this test guards).</summary>
    public required string RuleId { get; init; }

    /// <summary>Gets the run of the corrected execution.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the node of the corrected execution.</summary>
    public required string NodeId { get; init; }

    /// <summary>Gets the input the skill is executed on.</summary>
    public required JsonObject Input { get; init; }

    /// <summary>Gets the corrected output, when the correction gave one (exported as DeepEval's <c>expected_output</c>).</summary>
    public JsonNode? ExpectedOutput { get; init; }

    /// <summary>Gets the correction text.</summary>
    public required string CorrectionText { get; init; }

    /// <summary>Gets the rule text when the test was generated (the rubric).</summary>
    public required string RuleText { get; init; }

    /// <summary>Gets the checks, deterministic ones first, then one rubric.</summary>
    public required IReadOnlyList<TestAssertion> Assertions { get; init; }

    /// <summary>Gets how the assertions were derived, and what could not be derived.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Gets when the test was generated.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
