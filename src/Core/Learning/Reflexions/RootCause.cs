using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Learning.Reflexions;

/// <summary>
/// The root cause of a verbatim rule, by the seed's keyword rules (Agentura <c>reflexion.py</c>, first match wins),
/// matched on whole words so that "not" no longer matches "note" or "nothing" as it did in the seed.
/// </summary>
internal static partial class RootCause
{
    public const string EmptyOutput = "Original output was empty or missing.";

    private static readonly (Regex Pattern, string Cause)[] s_rules =
    [
        (WrongRegex(), "Model produced factually incorrect output."),
        (MissingRegex(), "Model omitted required information from output."),
        (FormatRegex(), "Model output had incorrect format or structure."),
        (ApproachRegex(), "Model chose wrong approach or value."),
    ];

    public static string Classify(string correction, bool originalEmpty)
    {
        if (originalEmpty)
        {
            return EmptyOutput;
        }

        foreach (var (pattern, cause) in s_rules)
        {
            if (pattern.IsMatch(correction))
            {
                return cause;
            }
        }

        return "Model output did not match domain expectations.";
    }

    [GeneratedRegex(@"\b(wrong|incorrect|error|mistake)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WrongRegex();

    [GeneratedRegex(@"\b(missing|omit|omitted|omits|forgot|should include)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MissingRegex();

    [GeneratedRegex(@"\b(format|structure|schema)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FormatRegex();

    [GeneratedRegex(@"\b(instead|should be|not|rather)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ApproachRegex();
}
