namespace AgentFunctions.Core.Models;

/// <summary>A model's quality tier (AgentFlow's Gold/Silver/Bronze), from the most to the least capable.</summary>
public enum ModelTier
{
    /// <summary>The most capable (and most expensive) models.</summary>
    Gold,

    /// <summary>Capable mid-priced models.</summary>
    Silver,

    /// <summary>The cheapest models, for simple tasks.</summary>
    Bronze,
}
