namespace AgentFunctions.Core.Learning.Reflexions;

/// <summary>
/// A reflexion rule learned from corrections (Reflexion, Shinn et al. 2023: verbal lessons that condition the next trial),
/// managed with ExpeL's counters and gated by regression tests. Traceable: <see cref="Provenance"/> lists every correction
/// that added, restated or refined it.
/// </summary>
public sealed record ReflexionRule
{
    /// <summary>Gets the id, <c>REFL-001</c>, unique within the skill.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the skill the rule is for, <c>domain/skill</c>.</summary>
    public required string SkillId { get; init; }

    /// <summary>Gets the rule, one or a few sentences.</summary>
    public required string Text { get; init; }

    /// <summary>Gets when the rule applies, in the seed's words (<c>When executing d/s with inputs where …</c>).</summary>
    public required string AppliesWhen { get; init; }

    /// <summary>Gets the same, as conditions on the input that rule selection checks.</summary>
    public required IReadOnlyList<RuleCondition> Conditions { get; init; }

    /// <summary>Gets why the skill got it wrong.</summary>
    public required string RootCause { get; init; }

    /// <summary>Gets the ids of the corrections behind the rule, oldest first.</summary>
    public required IReadOnlyList<string> Provenance { get; init; }

    /// <summary>Gets the confidence 0–1 (see <see cref="RuleLifecycle"/>).</summary>
    public required double Confidence { get; init; }

    /// <summary>Gets <see cref="RuleStatus.Candidate"/>, <see cref="RuleStatus.Active"/> or <see cref="RuleStatus.Retired"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets why the rule has its status (for example which assertion failed), or null.</summary>
    public string? StatusReason { get; init; }

    /// <summary>Gets <c>verbatim</c> or <c>distilled:&lt;model&gt;</c> (see <see cref="RuleSource"/>).</summary>
    public required string Source { get; init; }

    /// <summary>Gets why a rule is verbatim although a learning model exists (its answer was unusable), or null.</summary>
    public string? SourceReason { get; init; }

    /// <summary>Gets the ExpeL counter: 2 when added, +1 per AGREE or EDIT, −1 per REMOVE; retired at ≤ 0.</summary>
    public required int Counter { get; init; }

    /// <summary>Gets how many validation runs in a row failed one of the rule's tests.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Gets the last validation run that decided on this rule, or null.</summary>
    public string? LastValidationId { get; init; }

    /// <summary>Gets when the rule was added.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the rule last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the rule as it is injected into a prompt.</summary>
    /// <returns>The injected form.</returns>
    public LearnedRule ToLearnedRule() => new(Id, Text, AppliesWhen, Confidence, Status);
}
