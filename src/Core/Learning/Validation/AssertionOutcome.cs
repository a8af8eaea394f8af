namespace AgentFunctions.Core.Learning.Validation;

/// <summary>The outcome of one assertion.</summary>
public static class AssertionOutcome
{
    /// <summary>The assertion holds.</summary>
    public const string Passed = "passed";

    /// <summary>The assertion does not hold; the result carries the actual and expected values.</summary>
    public const string Failed = "failed";

    /// <summary>A rubric that no judge model evaluated (none configured, or its answer was unusable), or an assertion whose condition did not hold. Never counted as passed.</summary>
    public const string NotEvaluated = "not_evaluated";
}
