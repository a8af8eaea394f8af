namespace AgentFunctions.Core.Skills;

/// <summary>
/// A quality tier a skill may ask for instead of naming a model (<c>tier: gold|silver|bronze</c>), after AgentFlow's
/// Gold/Silver/Bronze tiers; which models serve each tier is the model router's choice.
/// </summary>
public enum SkillTier
{
    /// <summary>The most capable models.</summary>
    Gold,

    /// <summary>Capable, cheaper models.</summary>
    Silver,

    /// <summary>The cheapest models that can do the task.</summary>
    Bronze,
}
