namespace AgentFunctions.Core.Learning.Corrections;

/// <summary>The outcome of submitting a correction.</summary>
public abstract record CorrectionOutcome;

/// <summary>The correction is stored (or was already stored: a duplicate is recognised and not stored twice).</summary>
/// <param name="SkillId">The corrected skill, <c>domain/skill</c>.</param>
/// <param name="CorrectionId">The stored correction's id, such as <c>CORR-000001</c>; for a duplicate, the id of the correction it repeats.</param>
/// <param name="DuplicateOf">The id of the earlier correction on the same run and node with the same normalised text, or null when this one is new.</param>
public sealed record CorrectionAccepted(string SkillId, string CorrectionId, string? DuplicateOf) : CorrectionOutcome
{
    /// <summary>Gets a value indicating whether the correction repeats an earlier one (nothing new was stored).</summary>
    public bool IsDuplicate => DuplicateOf is not null;
}

/// <summary>The correction cannot be accepted as sent.</summary>
/// <param name="Field">The offending field: <c>text</c>, <c>correctedOutput</c> or <c>by</c>.</param>
/// <param name="Message">What is wrong, for a person.</param>
public sealed record CorrectionInvalid(string Field, string Message) : CorrectionOutcome;
