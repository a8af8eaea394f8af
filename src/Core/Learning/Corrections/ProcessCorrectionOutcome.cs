namespace AgentFunctions.Core.Learning.Corrections;

/// <summary>The outcome of turning a correction into a reflexion rule and a regression test.</summary>
public abstract record ProcessCorrectionOutcome;

/// <summary>The correction's rule and test exist (written now, or by an earlier run of the same step).</summary>
/// <param name="SkillId">The skill, <c>domain/skill</c>.</param>
/// <param name="CorrectionId">The correction.</param>
/// <param name="RuleId">The rule it added or strengthened.</param>
/// <param name="RuleOperation"><c>add</c>, <c>agree</c> or <c>edit</c> (see <see cref="Reflexions.RuleOperation"/>).</param>
/// <param name="TestId">The regression test generated from it.</param>
/// <param name="AlreadyProcessed">True when nothing was left to do.</param>
public sealed record CorrectionProcessed(string SkillId, string CorrectionId, string RuleId, string RuleOperation, string TestId, bool AlreadyProcessed) : ProcessCorrectionOutcome;

/// <summary>No such correction is stored for the skill.</summary>
/// <param name="SkillId">The skill asked for.</param>
/// <param name="CorrectionId">The correction asked for.</param>
public sealed record CorrectionNotFound(string SkillId, string CorrectionId) : ProcessCorrectionOutcome;
