using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentFunctions.Core.Learning.Validation;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <summary>
/// Evaluates a regression test's assertions on a skill output: deterministic ones locally, the rubric by the judge model
/// when one is configured. A rubric the judge did not evaluate (no judge, unusable answer, judge failure) is
/// <see cref="AssertionOutcome.NotEvaluated"/> — never passed.
/// </summary>
internal sealed partial class AssertionEvaluator(ILearningModel model)
{
    public const int MaxExcerptChars = 500;

    public async Task<IReadOnlyList<AssertionResult>> EvaluateAsync(RegressionTest test, JsonNode? output, CancellationToken cancellationToken)
    {
        var results = new List<AssertionResult>();
        foreach (var assertion in test.Assertions)
        {
            results.Add(assertion.IsDeterministic ? Evaluate(assertion, output, test.Input) : await JudgeAsync(assertion, test.Input, output, cancellationToken));
        }

        return results;
    }

    /// <summary>Evaluates a deterministic assertion; one whose <see cref="TestAssertion.When"/> does not hold is not evaluated.</summary>
    public static AssertionResult Evaluate(TestAssertion assertion, JsonNode? output, JsonObject? input = null)
    {
        if (assertion.When is { } when && Unmet(assertion, when, output, input) is { } unmet)
        {
            return unmet;
        }

        var actual = JsonPointer.Resolve(output, assertion.Path, out var found);
        var expected = JsonValues.Excerpt(assertion.Type == AssertionType.Regex ? JsonValues.TextOf(assertion.Value) : Show(assertion.Value), MaxExcerptChars);
        var shown = found ? JsonValues.Excerpt(Show(actual), MaxExcerptChars) : null;
        AssertionResult Result(bool pass, string reason) =>
            new(assertion.Type, assertion.Path, pass ? AssertionOutcome.Passed : AssertionOutcome.Failed, expected, shown, reason);

        var where = assertion.Path.Length == 0 ? "the output" : assertion.Path;
        if (!found && assertion.Type != AssertionType.NotContains)
        {
            return Result(false, $"{where} is missing from the output");
        }

        switch (assertion.Type)
        {
            case AssertionType.EqualsValue:
                var equal = JsonValues.DeepEquals(actual, assertion.Value);
                return Result(equal, equal ? $"{where} equals the expected value" : $"{where} is {shown}, expected {Show(assertion.Value)}");
            case AssertionType.Contains:
                var has = Contains(actual, assertion.Value);
                return Result(has, has ? $"{where} contains {Show(assertion.Value)}" : $"{where} does not contain {Show(assertion.Value)}");
            case AssertionType.NotContains:
                var back = found && Contains(actual, assertion.Value);
                return Result(!back, back ? $"{where} still contains the corrected mistake {Show(assertion.Value)}" : $"{where} no longer contains {Show(assertion.Value)}");
            case AssertionType.Regex:
                return EvaluateRegex(assertion, actual, where, Result);
            default:
                return Result(false, $"unknown assertion type '{assertion.Type}'");
        }
    }

    private static AssertionResult EvaluateRegex(TestAssertion assertion, JsonNode? actual, string where, Func<bool, string, AssertionResult> result)
    {
        var pattern = JsonValues.TextOf(assertion.Value);
        try
        {
            var match = Regex.IsMatch(JsonValues.TextOf(actual), pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return result(match, match ? $"{where} matches /{pattern}/" : $"{where} does not match /{pattern}/");
        }
        catch (Exception ex) when (ex is ArgumentException or RegexMatchTimeoutException)
        {
            return result(false, $"the pattern /{pattern}/ cannot be evaluated: {ex.Message}");
        }
    }

    private static AssertionResult? Unmet(TestAssertion assertion, AssertionCondition when, JsonNode? output, JsonObject? input)
    {
        var value = JsonPointer.Resolve(when.Source == AssertionCondition.Input ? input : output, when.Path, out var found);
        if (when.Holds(value))
        {
            return null;
        }

        var seen = found ? Show(value) : "missing";
        return new AssertionResult(assertion.Type, assertion.Path, AssertionOutcome.NotEvaluated, JsonValues.Excerpt(Show(assertion.Value), MaxExcerptChars),
            null, $"its condition ({when.Describe()}) does not hold ({when.Path} is {JsonValues.Excerpt(seen, 80)}), so it was not checked");
    }

    /// <summary>An array contains an element equal to the value (or, for a text value, a string element containing it); anything else contains the text, case-insensitively.</summary>
    private static bool Contains(JsonNode? actual, JsonNode? value)
    {
        if (actual is JsonArray array)
        {
            return array.Any(e => JsonValues.DeepEquals(e, value)) ||
                   (value is JsonValue && array.Any(e => e is JsonValue && JsonValues.TextOf(e).Contains(JsonValues.TextOf(value), StringComparison.OrdinalIgnoreCase)));
        }

        return JsonValues.TextOf(actual).Contains(JsonValues.TextOf(value), StringComparison.OrdinalIgnoreCase);
    }

    private static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString(Storage.KnowledgeJson.Options);
}
