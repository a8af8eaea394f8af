namespace AgentFunctions.Core.Learning.Validation;

/// <summary>A validation run of one skill's regression tests (the header; results are in <see cref="ValidationReport"/>).</summary>
/// <param name="Id">The id, <c>VAL-001</c>, unique within the skill.</param>
/// <param name="SkillId">The skill, <c>domain/skill</c>.</param>
/// <param name="Status">One of <see cref="ValidationStatus"/>.</param>
/// <param name="RequestedAt">When it was requested.</param>
/// <param name="StartedAt">When it started running, or null.</param>
/// <param name="CompletedAt">When it completed, or null.</param>
/// <param name="TestsTotal">Tests that ran (not skipped).</param>
/// <param name="TestsPassed">Tests that passed with their rule.</param>
/// <param name="TestsFailed">Tests that failed with their rule.</param>
/// <param name="TestsErrored">Tests whose skill could not be executed, or that evaluated no assertion.</param>
/// <param name="TestsSkipped">Tests not run because their rule is retired.</param>
public sealed record ValidationRun(
    string Id,
    string SkillId,
    string Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    int TestsTotal,
    int TestsPassed,
    int TestsFailed,
    int TestsErrored,
    int TestsSkipped)
{
    /// <summary>Gets the pass rate 0–1 of the tests that ran (passed / (passed + failed + errored)), or null when none ran.</summary>
    public double? PassRate => TestsTotal == 0 ? null : Math.Round((double)TestsPassed / TestsTotal, 4);
}
