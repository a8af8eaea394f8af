using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <content>
/// Assertions from the correction text alone (no corrected output). Free words cannot be turned into checks reliably, so
/// only what the text names precisely is used: fields and values of the skill (see <c>AssertionDeriver.Fields.cs</c>), then
/// <b>quoted</b> text ("…", '…', “…”, `…`) that they did not use: a quoted span preceded (since the previous span) by a negation — not,
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

    /// <summary>Derives assertions from a correction given as text only.</summary>
    /// <param name="text">The correction text.</param>
    /// <param name="outputSchema">The skill's output_schema when the execution ran (JSON Schema document), or null.</param>
    /// <param name="input">The corrected execution's input (the test's input), or null.</param>
    /// <param name="output">The corrected execution's output, or null.</param>
    /// <returns>Assertions grounded in the skill's fields first (see <c>AssertionDeriver.Fields.cs</c>), then quoted text not used by them.</returns>
    public static DerivedAssertions FromText(string text, JsonObject? outputSchema = null, JsonObject? input = null, JsonNode? output = null)
    {
        var result = new DerivedAssertions([], ["No corrected output was given: deterministic assertions come from the fields and values the correction names (grounded in the skill's output_schema and the execution's fields) and from text it quotes."]);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        FromFields(text, SkillFields.Collect(outputSchema, output, input), input, output, result, used);
        var grounded = result.Assertions.Count;
        var previousEnd = 0;
        foreach (Match match in QuotedRegex().Matches(text))
        {
            var span = match.Groups.Values.Skip(1).First(g => g.Success).Value.Trim();
            var before = text[previousEnd..match.Index];
            previousEnd = match.Index + match.Length;
            if (span.Length < 2 || used.Contains(span) || result.Assertions.Count == MaxDeterministic)
            {
                continue;
            }

            result.Assertions.Add(NegationRegex().IsMatch(before)
                ? new TestAssertion(AssertionType.NotContains, string.Empty, JsonValue.Create(span), $"The correction says the output must not contain '{span}'.")
                : new TestAssertion(AssertionType.Contains, string.Empty, JsonValue.Create(span), $"The correction asks for '{span}'."));
        }

        var quoted = result.Assertions.Count - grounded;
        result.Notes.Add((grounded, quoted) switch
        {
            (0, 0) => "The correction names no field value and quotes nothing, so only the rubric can check it.",
            (_, 0) => $"{grounded} assertion(s) from the fields and values the correction names; the rubric checks the rest.",
            (0, _) => $"{quoted} assertion(s) from quoted text; the rubric checks the rest.",
            _ => $"{grounded} assertion(s) from the fields and values the correction names and {quoted} from quoted text; the rubric checks the rest.",
        });
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
