using System.Globalization;
using System.Text;

namespace AgentFunctions.Core.Learning.Selection;

/// <summary>
/// Renders injected rules exactly as the seed's prompt layer 2 (Agentura <c>load_reflexion_entries</c>):
/// <code>
/// ## Learned Rules (from past corrections)
///
/// - **REFL-001** (confidence: 93% [validated]): &lt;rule&gt;
///   _Applies when_: &lt;applies_when&gt;
/// </code>
/// Lines are joined with <c>\n</c>; the badge appears for active (validated) rules; the confidence is rounded as Python's
/// <c>{:.0%}</c> does (half to even); the "Applies when" line is omitted when empty.
/// </summary>
public static class LearnedRulesBlock
{
    /// <summary>The heading of the block.</summary>
    public const string Heading = "## Learned Rules (from past corrections)";

    /// <summary>Renders the block.</summary>
    /// <param name="rules">The rules, in injection order.</param>
    /// <returns>The Markdown block, or an empty string when there are no rules.</returns>
    public static string Render(IReadOnlyList<LearnedRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            return string.Empty;
        }

        var lines = new List<string> { Heading, string.Empty };
        foreach (var rule in rules)
        {
            var percent = Math.Round(rule.Confidence * 100, MidpointRounding.ToEven).ToString("0", CultureInfo.InvariantCulture);
            var badge = rule.Status == Reflexions.RuleStatus.Active ? " [validated]" : rule.Status == Reflexions.RuleStatus.Candidate ? " [candidate]" : string.Empty;
            lines.Add($"- **{rule.Id}** (confidence: {percent}%{badge}): {rule.Text}");
            if (!string.IsNullOrEmpty(rule.AppliesWhen))
            {
                lines.Add($"  _Applies when_: {rule.AppliesWhen}");
            }
        }

        return string.Join('\n', lines);
    }
}
