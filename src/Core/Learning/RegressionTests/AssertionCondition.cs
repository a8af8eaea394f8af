using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <summary>
/// When an assertion applies: a number field of the skill's input or output lies in a range, as in the correction
/// "If fit_score is 50-70, ALWAYS recommend discuss" (<c>/fit_score</c> of the output, 50 ≤ value ≤ 70). Bounds are
/// inclusive unless marked exclusive; a missing bound is unbounded. An assertion whose condition does not hold (or whose
/// field is missing or not a number) is <c>not_evaluated</c>, never passed.
/// </summary>
/// <param name="Source"><see cref="Input"/> (the test's input, fixed) or <see cref="Output"/> (the new output).</param>
/// <param name="Path">A JSON pointer (RFC 6901) to the number, such as <c>/fit_score</c>.</param>
/// <param name="Minimum">The lower bound, or null.</param>
/// <param name="Maximum">The upper bound, or null.</param>
/// <param name="ExclusiveMinimum">True when the value must be greater than <paramref name="Minimum"/> ("above 50").</param>
/// <param name="ExclusiveMaximum">True when the value must be less than <paramref name="Maximum"/> ("below 70").</param>
public sealed record AssertionCondition(string Source, string Path, decimal? Minimum, decimal? Maximum, bool ExclusiveMinimum = false, bool ExclusiveMaximum = false)
{
    /// <summary>The condition reads the test's input.</summary>
    public const string Input = "input";

    /// <summary>The condition reads the skill's new output.</summary>
    public const string Output = "output";

    /// <summary>Gets the condition in words, such as <c>output /fit_score between 50 and 70</c>.</summary>
    public string Describe()
    {
        static string N(decimal d) => d.ToString(CultureInfo.InvariantCulture);
        var range = (Minimum, Maximum) switch
        {
            ({ } a, { } b) when !ExclusiveMinimum && !ExclusiveMaximum => $"between {N(a)} and {N(b)}",
            ({ } a, { } b) => $"{(ExclusiveMinimum ? ">" : ">=")} {N(a)} and {(ExclusiveMaximum ? "<" : "<=")} {N(b)}",
            ({ } a, null) => $"{(ExclusiveMinimum ? ">" : ">=")} {N(a)}",
            (null, { } b) => $"{(ExclusiveMaximum ? "<" : "<=")} {N(b)}",
            _ => "present",
        };
        return $"{Source} {Path} {range}";
    }

    /// <summary>Checks the condition on a value.</summary>
    /// <param name="value">The value at <see cref="Path"/>, or null when missing.</param>
    /// <returns>True when the value is a number within the bounds.</returns>
    public bool Holds(JsonNode? value)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number ||
            !decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return false;
        }

        return (Minimum is not { } min || (ExclusiveMinimum ? d > min : d >= min)) &&
               (Maximum is not { } max || (ExclusiveMaximum ? d < max : d <= max));
    }
}
