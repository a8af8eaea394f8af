using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentFunctions.Core.Learning.Corrections;

namespace AgentFunctions.Core.Learning.Reflexions;

/// <content>Checks on a distilled answer: no run-specific detail in the rule, required conditions that exist in the input.</content>
internal sealed partial class RuleDistiller
{
    public const int MaxRequiredConditions = 5;

    /// <summary>
    /// Finds a run-specific detail in the rule: the run, node or correction id, an input string that looks like an identifier
    /// (4+ characters with a digit) or is long (20+ characters, copied text), or an input number with 3+ digits.
    /// Short words such as a country or a category are allowed: they are often what the rule is about.
    /// </summary>
    internal static string? RunSpecificDetail(string rule, Correction c)
    {
        foreach (var id in new[] { c.RunId, c.NodeId, c.Id })
        {
            if (id.Length >= 3 && rule.Contains(id, StringComparison.OrdinalIgnoreCase))
            {
                return id;
            }
        }

        foreach (var value in Leaves(c.Input))
        {
            if (value.GetValueKind() == JsonValueKind.String)
            {
                var s = value.GetValue<string>().Trim();
                if (((s.Length >= 4 && s.Any(char.IsDigit)) || s.Length >= 20) && rule.Contains(s, StringComparison.OrdinalIgnoreCase))
                {
                    return s;
                }
            }
            else if (value.GetValueKind() == JsonValueKind.Number)
            {
                var n = value.ToJsonString();
                if (n.Count(char.IsDigit) >= 3 && Regex.IsMatch(rule, $@"(?<![\d.]){Regex.Escape(n)}(?![\d])", RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    return n;
                }
            }
        }

        return null;
    }

    private static List<RuleCondition> RequiredConditions(JsonObject answer, JsonObject input)
    {
        var conditions = new List<RuleCondition>();
        if (answer["required_conditions"] is not JsonArray items)
        {
            return conditions;
        }

        foreach (var item in items.OfType<JsonObject>().Take(MaxRequiredConditions))
        {
            if (item["key"] is not JsonValue k || k.GetValueKind() != JsonValueKind.String || !input.TryGetPropertyValue(k.GetValue<string>(), out var actual) || actual is null)
            {
                continue; // a condition on a field this input does not have cannot be checked: ignore it
            }

            var key = k.GetValue<string>();
            if (!item.TryGetPropertyValue("equals", out var expected) || expected is null)
            {
                conditions.Add(new RuleCondition(key, null, Required: true));
            }
            else if (JsonValues.DeepEquals(actual, expected) && AppliesWhen.IsShortScalar(actual))
            {
                conditions.Add(new RuleCondition(key, actual.DeepClone(), Required: true));
            }
        }

        return conditions;
    }

    private static IEnumerable<JsonNode> Leaves(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    foreach (var leaf in Leaves(child))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonArray array:
                foreach (var leaf in array.SelectMany(Leaves))
                {
                    yield return leaf;
                }

                break;
            case JsonValue value:
                yield return value;
                break;
        }
    }
}
