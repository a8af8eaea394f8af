namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// Why a node was skipped (<see cref="NodeState.SkipCause"/>, and <c>cause</c> in the <c>node_skipped</c> event).
/// Nodes skipped by <see cref="WhenFalse"/> or <see cref="NeedsSkipped"/> count as satisfied-with-null for the nodes
/// that need them; a node whose needs were all skipped that way is skipped too (<see cref="NeedsSkipped"/>).
/// </summary>
public static class SkipCauses
{
    /// <summary>The node's <c>when:</c> condition was false.</summary>
    public const string WhenFalse = "when_false";

    /// <summary>Every node it needs was skipped by a condition, or its join can no longer be met because needed nodes were skipped.</summary>
    public const string NeedsSkipped = "needs_skipped";

    /// <summary>A node it needs failed (or was skipped for a reason other than a condition) and is not optional.</summary>
    public const string NeedFailed = "need_failed";

    /// <summary>The run failed before the node could run.</summary>
    public const string RunFailed = "run_failed";

    /// <summary>The budget policy <c>skip</c> skipped an optional node before its model call.</summary>
    public const string Budget = "budget";

    /// <summary>An instance of the <c>for_each</c> node was skipped (by the budget), so the node as a whole was.</summary>
    public const string InstanceSkipped = "instance_skipped";

    /// <summary>Tells whether a skip counts as a condition skip: satisfied-with-null for the nodes that need it, and propagated.</summary>
    /// <param name="cause">The cause, or null.</param>
    /// <returns>True for <see cref="WhenFalse"/> and <see cref="NeedsSkipped"/>.</returns>
    public static bool IsCondition(string? cause) => cause is WhenFalse or NeedsSkipped;
}
