namespace AgentFunctions.Core.Learning.Reflexions;

/// <summary>
/// The operations on a rule list from ExpeL (Zhao et al., AAAI 2024, <c>agent/expel.py</c> <c>update_rules</c>):
/// ADD starts a rule at counter 2, AGREE and EDIT add 1, REMOVE subtracts 1, and a rule whose counter reaches 0 is dropped.
/// </summary>
public static class RuleOperation
{
    /// <summary>A new rule (counter starts at <see cref="RuleLifecycle.AddCounter"/>).</summary>
    public const string Add = "add";

    /// <summary>A correction restates the rule: counter +1, the correction joins its provenance.</summary>
    public const string Agree = "agree";

    /// <summary>A correction refines the rule: its text is rewritten, counter +1.</summary>
    public const string Edit = "edit";

    /// <summary>Evidence against the rule: counter −1; at 0 or below the rule is retired.</summary>
    public const string Remove = "remove";
}
