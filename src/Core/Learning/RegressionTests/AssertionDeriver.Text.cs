using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <content>
/// Assertions from the correction text alone (no corrected output). Words cannot be turned into checks reliably, so only
/// <b>quoted</b> text is used ("…", '…', “…”, `…`): a quoted span preceded (since the previous span) by a negation — not,
/// never, instead of, rather than, don't, do not, avoid, remove, no longer, without — must not appear in the output;
/// any other quoted span must appear (case-insensitive). Everything else is left to the rubric, and the notes say so.
/// </content>
internal static partial class AssertionDeriver
{
    private static readonly (string Name, Regex Pattern)[] s_shapes =
    [
        ("an ISO date", IsoDateRegex()),
        ("an amount with a currency code", AmountRegex()),
        ("an e-mail address", EmailRegex()),
        ("a URL", UrlRegex()),
    ];

    public static DerivedAssertions FromText(string text)
    {
        var result = new DerivedAssertions([], ["No corrected output was given: deterministic assertions come only from text quoted in the correction."]);
        var previousEnd = 0;
        foreach (Match match in QuotedRegex().Matches(text))
        {
            var span = match.Groups.Values.Skip(1).First(g => g.Success).Value.Trim();
            var before = text[previousEnd..match.Index];
            previousEnd = match.Index + match.Length;
            if (span.Length < 2 || result.Assertions.Count == MaxDeterministic)
            {
                continue;
            }

            result.Assertions.Add(NegationRegex().IsMatch(before)
                ? new TestAssertion(AssertionType.NotContains, string.Empty, JsonValue.Create(span), $"The correction says the output must not contain '{span}'.")
                : new TestAssertion(AssertionType.Contains, string.Empty, JsonValue.Create(span), $"The correction asks for '{span}'."));
        }

        result.Notes.Add(result.Assertions.Count == 0
            ? "The correction quotes nothing, so only the rubric can check it."
            : $"{result.Assertions.Count} assertion(s) from quoted text; the rubric checks the rest.");
        return result;
    }

    [GeneratedRegex("\"([^\"\\n]{2,200})\"|(?<![\\p{L}\\p{N}])'([^'\\n]{2,200})'(?![\\p{L}\\p{N}])|“([^”\\n]{2,200})”|`([^`\\n]{2,200})`", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"\b(not|never|instead of|rather than|don't|do not|doesn't|does not|avoid|remove|no longer|without)\b[^.;:]{0,40}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NegationRegex();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"\b[A-Z]{3} ?\d[\d,]*(\.\d+)?\b|\b\d[\d,]*(\.\d+)? ?[A-Z]{3}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AmountRegex();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"https?://[^\s]+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex UrlRegex();
}
