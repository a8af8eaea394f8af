using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.Reflexions;

namespace AgentFunctions.Core.Learning.Selection;

/// <summary>
/// Chooses the rules to inject: <c>active</c> rules (and, when allowed, <c>candidate</c> rules on probation, after every active
/// one) whose required conditions hold for the input, ordered by how many of their preferred conditions also hold, then
/// ExpeL counter, then confidence, then id; at most <c>max</c>
/// (selective retrieval, as ERL reports is essential; CrewAI caps lessons at 5).
/// </summary>
internal static class RuleSelector
{
    public static RuleSelection Select(IEnumerable<ReflexionRule> rules, JsonObject input, int max, bool includeCandidates = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var leftOut = new List<LeftOutRule>();
        var applicable = new List<(ReflexionRule Rule, int Matched)>();
        foreach (var rule in rules)
        {
            if (rule.Status != RuleStatus.Active && !(includeCandidates && rule.Status == RuleStatus.Candidate))
            {
                leftOut.Add(new LeftOutRule(rule.Id, rule.Status, rule.Status));
                continue;
            }

            if (rule.Conditions.FirstOrDefault(c => c.Required && !c.Matches(input)) is { } failed)
            {
                leftOut.Add(new LeftOutRule(rule.Id, rule.Status, $"does not apply: {WhyNot(failed, input)}"));
                continue;
            }

            applicable.Add((rule, rule.Conditions.Count(c => !c.Required && c.Matches(input))));
        }

        var ordered = applicable
            .OrderBy(a => a.Rule.Status == RuleStatus.Active ? 0 : 1)
            .ThenByDescending(a => a.Matched)
            .ThenByDescending(a => a.Rule.Counter)
            .ThenByDescending(a => a.Rule.Confidence)
            .ThenBy(a => Storage.KnowledgeKeys.NumberOf(a.Rule.Id))
            .Select(a => a.Rule)
            .ToList();
        leftOut.AddRange(ordered.Skip(max).Select(r => new LeftOutRule(r.Id, r.Status, $"over the cap of {max}")));
        return new RuleSelection([.. ordered.Take(max).Select(r => r.ToLearnedRule())], leftOut);
    }

    private static string WhyNot(RuleCondition condition, JsonObject input) =>
        !input.TryGetPropertyValue(condition.Key, out var actual) || actual is null
            ? $"the input has no {condition.Key}"
            : $"it needs {condition.Describe()} but the input has {condition.Key}={JsonValues.Excerpt(actual.ToJsonString(), 100)}";
}
