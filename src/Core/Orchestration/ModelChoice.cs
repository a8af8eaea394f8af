using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// What a skill call asks the model router for: a model, or a tier whose model the router picks. One precedence, used by the
/// cost reservation, the node executor, the dry run and the skills API: an override (the budget policy's downgrade, a
/// request's <c>modelOverride</c>) &gt; the node's <c>model:</c> &gt; the node's <c>tier:</c> &gt; the skill's <c>model:</c> &gt;
/// the skill's <c>tier:</c> &gt; <see cref="SkillDefinition.DefaultModel"/>.
/// </summary>
/// <param name="Model">The model id <c>provider/model</c>, or null when a tier is asked for.</param>
/// <param name="Tier">The tier, or null when a model is asked for.</param>
public sealed record ModelChoice(string? Model, ModelTier? Tier)
{
    /// <summary>Resolves the choice of a skill call.</summary>
    /// <param name="skill">The skill.</param>
    /// <param name="policy">The node's policy, or null for a call outside a graph node.</param>
    /// <param name="overrideModel">A model that replaces every other choice, or null.</param>
    /// <returns>The choice; exactly one of <see cref="Model"/> and <see cref="Tier"/> is set.</returns>
    public static ModelChoice For(SkillDefinition skill, NodePolicy? policy, string? overrideModel)
    {
        ArgumentNullException.ThrowIfNull(skill);
        if ((overrideModel ?? policy?.Model) is { Length: > 0 } model)
        {
            return new ModelChoice(model, null);
        }

        if (policy?.Tier is { } nodeTier)
        {
            return new ModelChoice(null, nodeTier);
        }

        return skill.Tier is { } skillTier
            ? new ModelChoice(null, Enum.Parse<ModelTier>(skillTier.ToString()))
            : new ModelChoice(skill.Model, null);
    }

    /// <summary>Gets the tier's name for the router (<c>gold</c>, <c>silver</c>, <c>bronze</c>), or null.</summary>
    public string? TierName => Tier?.ToString().ToLowerInvariant();

    /// <summary>Plans the call: the model, or the tier's models as the router ranks them, then the fallbacks.</summary>
    /// <param name="router">The model router.</param>
    /// <param name="skill">The skill (its model is the router's last resort).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">The model is not in the pool, or the tier has no model.</exception>
    public ModelPlan Plan(ModelRouter router, SkillDefinition skill)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(skill);
        return router.Plan(Model, TierName, skill.Model);
    }
}
