namespace AgentFunctions.Core.Learning.Validation;

/// <summary>What a validation run decided about a rule (<see cref="RuleResult.Decision"/>).</summary>
public static class RuleDecisions
{
    /// <summary>A candidate whose tests all passed with it became active.</summary>
    public const string Activated = "activated";

    /// <summary>An active rule whose tests all passed stays active.</summary>
    public const string KeptActive = "kept_active";

    /// <summary>A candidate with a failing test stays candidate (the reason names the assertion).</summary>
    public const string KeptCandidate = "kept_candidate";

    /// <summary>An active rule with a failing test went back to candidate (no longer injected).</summary>
    public const string Demoted = "demoted";

    /// <summary>The rule failed <see cref="LearningOptions.RetireAfterFailedValidations"/> validations in a row: ExpeL REMOVE and retired.</summary>
    public const string Retired = "retired";

    /// <summary>No evidence: its tests were skipped, could not execute the skill, or evaluated nothing; nothing changed.</summary>
    public const string Undecided = "undecided";
}
