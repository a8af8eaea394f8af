namespace AgentFunctions.Core.Learning.Validation;

/// <summary>The outcome of one regression test (or one pass of it) in a validation run.</summary>
public static class TestOutcome
{
    /// <summary>Every deterministic assertion passed, and the rubric passed or was not evaluated.</summary>
    public const string Passed = "passed";

    /// <summary>A deterministic assertion failed, or the judge failed the rubric.</summary>
    public const string Failed = "failed";

    /// <summary>No assertion could be evaluated: the test has only a rubric and no judge evaluated it. No evidence either way (never passed).</summary>
    public const string NotEvaluated = "not_evaluated";

    /// <summary>The skill could not be executed (no model, budget, invalid output): no evidence either way.</summary>
    public const string Error = "error";

    /// <summary>Not run: the test's rule is retired.</summary>
    public const string Skipped = "skipped";
}
