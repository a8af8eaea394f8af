namespace AgentFunctions.Core.Learning.Reflexions;

/// <summary>The lifecycle states of a reflexion rule (see <see cref="RuleLifecycle"/>).</summary>
public static class RuleStatus
{
    /// <summary>New or not yet proven: never injected into executions; its regression tests run with it during validation.</summary>
    public const string Candidate = "candidate";

    /// <summary>Every regression test of the rule passed with it in the latest validation: injected when it applies.</summary>
    public const string Active = "active";

    /// <summary>Dropped: its ExpeL counter reached 0, or it failed validation too many times in a row. Never injected.</summary>
    public const string Retired = "retired";
}
