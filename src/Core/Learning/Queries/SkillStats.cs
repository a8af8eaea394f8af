namespace AgentFunctions.Core.Learning.Queries;

/// <summary>How the learning loop is doing for one skill.</summary>
/// <param name="SkillId">The skill, <c>domain/skill</c>.</param>
/// <param name="Executions">Executions recorded (see <see cref="LearningService.RecordExecutionAsync"/>; corrected executions count even if never recorded).</param>
/// <param name="Accepted">Executions without a correction.</param>
/// <param name="AcceptRate">Accepted / executions, 0–1, or null when there are none.</param>
/// <param name="AcceptRateByDay">The same per UTC day of execution, oldest first.</param>
/// <param name="Corrections">Corrections stored (duplicates are not stored).</param>
/// <param name="CorrectionsPending">Corrections whose rule or test is not written yet.</param>
/// <param name="RulesByStatus">Rules per status: <c>candidate</c>, <c>active</c>, <c>retired</c> (each present, possibly 0).</param>
/// <param name="Tests">Regression tests.</param>
/// <param name="LatestValidationId">The latest completed validation run, or null.</param>
/// <param name="LatestTestPassRate">Its pass rate 0–1 (passed / tests that ran), or null.</param>
public sealed record SkillStats(
    string SkillId,
    int Executions,
    int Accepted,
    double? AcceptRate,
    IReadOnlyList<DailyAcceptRate> AcceptRateByDay,
    int Corrections,
    int CorrectionsPending,
    IReadOnlyDictionary<string, int> RulesByStatus,
    int Tests,
    string? LatestValidationId,
    double? LatestTestPassRate);
