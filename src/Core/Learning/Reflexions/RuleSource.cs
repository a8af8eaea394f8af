namespace AgentFunctions.Core.Learning.Reflexions;

/// <summary>Where a rule's text came from.</summary>
public static class RuleSource
{
    /// <summary>The correction text used as the rule, unchanged (no learning model, or its answer was unusable).</summary>
    public const string Verbatim = "verbatim";

    /// <summary>The prefix of a rule distilled by a learning model: <c>distilled:&lt;model&gt;</c>.</summary>
    public const string DistilledPrefix = "distilled:";

    /// <summary>Gets the source of a rule distilled by <paramref name="model"/>.</summary>
    /// <param name="model">The learning model's name.</param>
    /// <returns><c>distilled:&lt;model&gt;</c>.</returns>
    public static string Distilled(string model) => DistilledPrefix + model;
}
