using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning.Reflexions;

/// <summary>
/// Derives a rule's <c>applies_when</c> from the input of the corrected execution: the seed's words (Agentura
/// <c>reflexion.py</c>: up to 5 conditions, <c>key='value'</c> for strings under 100 characters, <c>key=value</c> for
/// numbers and booleans, <c>key is provided</c> otherwise) and the same as <see cref="RuleCondition"/>s. Every non-null
/// top-level key (up to 10) becomes a required "is provided" condition; each short value becomes a preferred (not
/// required) equality, because one input cannot tell which values the rule depends on. A learning model may mark some
/// equalities as required.
/// </summary>
internal static class AppliesWhen
{
    public const int MaxKeys = 10;
    public const int MaxWords = 5;
    public const int MaxValueChars = 100;

    public static IReadOnlyList<RuleCondition> Derive(JsonObject input)
    {
        var conditions = new List<RuleCondition>();
        foreach (var (key, value) in input)
        {
            if (value is null)
            {
                continue;
            }

            if (conditions.Count(c => c.Value is null) == MaxKeys)
            {
                break;
            }

            conditions.Add(new RuleCondition(key, null, Required: true));
            if (IsShortScalar(value))
            {
                conditions.Add(new RuleCondition(key, value.DeepClone(), Required: false));
            }
        }

        return conditions;
    }

    /// <summary>Keeps the conditions that also hold for <paramref name="input"/> (a restating correction on another input generalises the rule).</summary>
    public static IReadOnlyList<RuleCondition> Intersect(IReadOnlyList<RuleCondition> conditions, JsonObject input) =>
        [.. conditions.Where(c => c.Matches(input))];

    /// <summary>Renders the seed's sentence from conditions: per key the equality when there is one, else "is provided".</summary>
    public static string Describe(string skillId, IReadOnlyList<RuleCondition> conditions)
    {
        var parts = conditions
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => (g.FirstOrDefault(c => c.Value is not null) ?? g.First()).Describe())
            .Take(MaxWords)
            .ToList();
        return parts.Count == 0 ? $"When executing {skillId}." : $"When executing {skillId} with inputs where {string.Join(", ", parts)}.";
    }

    public static bool IsShortScalar(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>().Length < MaxValueChars,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => true,
        _ => false,
    };
}
