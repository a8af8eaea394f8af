namespace AgentFunctions.Core.Learning.Validation;

/// <summary>The result of one regression test in a validation run.</summary>
/// <param name="TestId">The test.</param>
/// <param name="RuleId">The rule the test guards.</param>
/// <param name="CorrectionId">The correction the test came from.</param>
/// <param name="Outcome">One of <see cref="TestOutcome"/>: the outcome <b>with</b> the rule.</param>
/// <param name="Reason">A one-line explanation (for a failure: the first failing assertion with actual vs expected).</param>
/// <param name="WithRule">The run with the skill's active rules plus the test's rule.</param>
/// <param name="WithoutRule">The run with the same rules minus the test's rule, or null when not run (skipped, or the first run errored or evaluated nothing).</param>
/// <param name="RuleMadeDifference">True when the test passed with the rule and failed without it; false when it passed without it too
/// (or failed with it); null when unknown (a run errored or was not made).</param>
public sealed record TestResult(
    string TestId,
    string RuleId,
    string CorrectionId,
    string Outcome,
    string Reason,
    TestPass? WithRule,
    TestPass? WithoutRule,
    bool? RuleMadeDifference);
