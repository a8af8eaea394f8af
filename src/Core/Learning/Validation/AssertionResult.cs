namespace AgentFunctions.Core.Learning.Validation;

/// <summary>The outcome of one assertion on one skill output.</summary>
/// <param name="Type">The assertion type (see <see cref="RegressionTests.AssertionType"/>).</param>
/// <param name="Path">The JSON pointer it checked; empty for the whole output.</param>
/// <param name="Outcome">One of <see cref="AssertionOutcome"/>.</param>
/// <param name="Expected">What was expected (JSON or text, at most 500 characters).</param>
/// <param name="Actual">What the output had there (at most 500 characters), or null when the path is missing.</param>
/// <param name="Reason">Why it passed, failed or was not evaluated.</param>
public sealed record AssertionResult(string Type, string Path, string Outcome, string? Expected, string? Actual, string Reason);
