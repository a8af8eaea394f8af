namespace AgentFunctions.Core.Learning.Validation;

/// <summary>A validation run with its per-test and per-rule results.</summary>
/// <param name="Run">The run header.</param>
/// <param name="Tests">One result per test, in test id order.</param>
/// <param name="Rules">One decision per rule that had tests, in rule id order.</param>
public sealed record ValidationReport(ValidationRun Run, IReadOnlyList<TestResult> Tests, IReadOnlyList<RuleResult> Rules);
