using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Learning;

/// <summary>Source-generated log messages of the learning loop (event ids 600–649).</summary>
internal static partial class LearningLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Correction {CorrectionId} stored for {SkillId} (run {RunId}, node {NodeId})")]
    public static partial void CorrectionStored(ILogger logger, string skillId, string correctionId, string runId, string nodeId);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Correction for {SkillId} (run {RunId}, node {NodeId}) repeats {CorrectionId}; not stored again")]
    public static partial void CorrectionDuplicate(ILogger logger, string skillId, string correctionId, string runId, string nodeId);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Correction {CorrectionId} of {SkillId}: {Operation} rule {RuleId}, test {TestId}")]
    public static partial void CorrectionProcessed(ILogger logger, string skillId, string correctionId, string operation, string ruleId, string testId);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Rule for correction {CorrectionId} of {SkillId} taken verbatim: {Reason}")]
    public static partial void DistillFellBack(ILogger logger, string skillId, string correctionId, string reason);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Rule {RuleId} of {SkillId}: {Operation} ({Why})")]
    public static partial void RuleChanged(ILogger logger, string skillId, string ruleId, string operation, string why);

    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "Validation {ValidationId} of {SkillId} completed: {Passed}/{Total} tests passed")]
    public static partial void ValidationCompleted(ILogger logger, string skillId, string validationId, int passed, int total);

    [LoggerMessage(EventId = 611, Level = LogLevel.Information, Message = "Validation {ValidationId}: rule {RuleId} of {SkillId} {Decision}: {Reason}")]
    public static partial void RuleDecided(ILogger logger, string skillId, string validationId, string ruleId, string decision, string reason);

    [LoggerMessage(EventId = 612, Level = LogLevel.Information, Message = "Validation {ValidationId} of {SkillId} requested")]
    public static partial void ValidationRequested(ILogger logger, string skillId, string validationId);

    [LoggerMessage(EventId = 620, Level = LogLevel.Trace, Message = "Learning model prompt ({Purpose}): {Prompt}")]
    public static partial void ModelPrompt(ILogger logger, string purpose, string prompt);
}
