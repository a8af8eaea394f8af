namespace AgentFunctions.Core.Skills;

/// <summary>One <c>routes_to</c> entry of a manager skill, in Agentura's shape <c>{domain, skill?, when}</c>.</summary>
/// <param name="Domain">The domain the route leads to.</param>
/// <param name="Skill">The skill in that domain, or null when the route leads to the domain as a whole (as Agentura's classifier does).</param>
/// <param name="When">The <c>when:</c> text as written: a comma-separated keyword list, such as <c>"resume, candidate, hiring"</c>.</param>
/// <param name="Keywords">The keywords of <paramref name="When"/>: split at commas, trimmed, empty and repeated (case-insensitive) ones left out; a keyword may be a phrase.</param>
/// <param name="Line">1-based line of the entry in SKILL.md, when known.</param>
public sealed record SkillRoute(string Domain, string? Skill, string When, IReadOnlyList<string> Keywords, int? Line)
{
    /// <summary>Gets what the route leads to: <c>domain/skill</c>, or <c>domain</c> when it names no skill.</summary>
    public string Target => Skill is null ? Domain : $"{Domain}/{Skill}";

    /// <summary>Splits a <c>when:</c> text into keywords.</summary>
    /// <param name="when">The text.</param>
    /// <returns>The keywords, in order.</returns>
    public static IReadOnlyList<string> SplitKeywords(string? when) =>
        [.. (when ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
