namespace AgentFunctions.Core.Models;

/// <summary>The ordered candidates of a model call: the primary choice first, then its fallbacks.</summary>
/// <param name="Requested">What the node asked for: a model id, <c>tier:&lt;tier&gt;</c>, or the skill's default model id.</param>
/// <param name="Candidates">The candidates in the order they are tried; never empty.</param>
/// <param name="Reason">Why the primary was chosen, and which models of its chain were left out (provider not configured).</param>
/// <param name="BanditTier">The tier whose models the UCB1 bandit ranked, or null when the plan did not use the bandit.</param>
public sealed record ModelPlan(string Requested, IReadOnlyList<ModelCandidate> Candidates, string Reason, ModelTier? BanditTier)
{
    /// <summary>Gets the primary candidate.</summary>
    public ModelCandidate Primary => Candidates[0];
}
