using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.Reflexions;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <summary>
/// Derives a regression test's assertions from a correction. With a corrected output it diffs the original and the
/// corrected JSON: every changed field gets <c>equals</c> (numbers, booleans, short strings, small objects) or
/// <c>contains</c> (distinctive words a long text gained; elements an array gained) plus <c>regex</c> for simple shapes a
/// long text gained (dates, amounts with a currency code, e-mail addresses, URLs); every short string the correction
/// replaced gets <c>not-contains</c> at its path, and array elements it removed get <c>not-contains</c>. Without a
/// corrected output only quoted text in the correction is used (see <c>AssertionDeriver.Text.cs</c>). A <c>rubric</c>
/// assertion with the rule text always comes last.
/// </summary>
internal static partial class AssertionDeriver
{
    public const int MaxDeterministic = 15;
    public const int MaxEqualsChars = 80;
    public const int MaxNotContainsChars = 200;
    public const int MaxJsonChars = 2000;
    public const int MaxWordsPerText = 3;

    public static DerivedAssertions FromCorrectedOutput(JsonNode? original, JsonNode corrected)
    {
        var result = new DerivedAssertions([], []);
        Walk(string.Empty, original, original is not null, corrected, result);
        if (result.Assertions.Count > MaxDeterministic)
        {
            result.Notes.Add($"{result.Assertions.Count} assertions derived; kept the first {MaxDeterministic}.");
            result.Assertions.RemoveRange(MaxDeterministic, result.Assertions.Count - MaxDeterministic);
        }

        if (result.Assertions.Count == 0)
        {
            result.Notes.Add("The corrected output does not differ from the original in any field that can be asserted.");
        }
        else
        {
            result.Notes.Insert(0, $"{result.Assertions.Count} deterministic assertion(s) derived from the fields the corrected output changed.");
        }

        return result;
    }

    public static TestAssertion Rubric(string ruleText) =>
        new(AssertionType.Rubric, string.Empty, JsonValue.Create(ruleText), "A judge model checks that the output follows the learned rule.");

    private static void Walk(string path, JsonNode? original, bool found, JsonNode? corrected, DerivedAssertions result)
    {
        if (found && JsonValues.DeepEquals(original, corrected))
        {
            return;
        }

        if (corrected is JsonObject correctedObject && original is JsonObject originalObject)
        {
            foreach (var (key, value) in correctedObject)
            {
                var had = originalObject.TryGetPropertyValue(key, out var before);
                Walk(JsonPointer.Append(path, key), before, had, value, result);
            }

            foreach (var (key, _) in originalObject.Where(p => !correctedObject.ContainsKey(p.Key)))
            {
                result.Notes.Add($"Field {JsonPointer.Append(path, key)} was removed by the correction; its absence is not asserted.");
            }

            return;
        }

        if (corrected is JsonArray correctedArray && original is JsonArray originalArray)
        {
            DiffArrays(path, originalArray, correctedArray, result);
            return;
        }

        AssertChangedValue(path, found ? original : null, corrected, result);
        if (found && original?.GetValueKind() == JsonValueKind.String)
        {
            AssertMistakeGone(path, original.GetValue<string>(), corrected, result);
        }
    }

    private static void AssertChangedValue(string path, JsonNode? original, JsonNode? corrected, DerivedAssertions result)
    {
        var where = path.Length == 0 ? "the output" : path;
        if (corrected?.GetValueKind() == JsonValueKind.String)
        {
            var text = corrected.GetValue<string>();
            if (text.Length <= MaxEqualsChars && !text.Contains('\n', StringComparison.Ordinal))
            {
                result.Assertions.Add(new TestAssertion(AssertionType.EqualsValue, path, corrected.DeepClone(), $"{where} is what the correction set."));
            }
            else
            {
                AssertLongText(path, JsonValues.TextOf(original), text, result);
            }

            return;
        }

        var json = corrected?.ToJsonString() ?? "null";
        if (json.Length <= MaxJsonChars)
        {
            result.Assertions.Add(new TestAssertion(AssertionType.EqualsValue, path, corrected?.DeepClone(), $"{where} is what the correction set."));
        }
        else
        {
            result.Notes.Add($"The corrected value of {where} is too large ({json.Length} characters) to assert by equality.");
        }
    }

    private static void AssertMistakeGone(string path, string mistake, JsonNode? corrected, DerivedAssertions result)
    {
        var now = JsonValues.TextOf(corrected);
        if (mistake.Trim().Length < 3 || now.Contains(mistake, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (mistake.Length > MaxNotContainsChars)
        {
            result.Notes.Add($"The replaced text at {(path.Length == 0 ? "the output" : path)} is too long ({mistake.Length} characters) for a not-contains assertion.");
            return;
        }

        result.Assertions.Add(new TestAssertion(AssertionType.NotContains, path, JsonValue.Create(mistake), "The corrected mistake must not come back."));
    }

    private static void AssertLongText(string path, string before, string text, DerivedAssertions result)
    {
        var old = TextSimilarity.Tokens(before);
        var added = TextSimilarity.Tokens(text).Where(w => w.Length >= 4 && !w.All(char.IsDigit) && !old.Contains(w)).Take(MaxWordsPerText).ToList();
        foreach (var word in added)
        {
            result.Assertions.Add(new TestAssertion(AssertionType.Contains, path, JsonValue.Create(word), $"The corrected text mentions '{word}'."));
        }

        if (added.Count == 0)
        {
            result.Notes.Add($"The corrected text at {(path.Length == 0 ? "the output" : path)} adds no distinctive word; the rubric checks it.");
        }

        foreach (var shape in s_shapes.Where(s => s.Pattern.IsMatch(text) && !s.Pattern.IsMatch(before)))
        {
            result.Assertions.Add(new TestAssertion(AssertionType.Regex, path, JsonValue.Create(shape.Pattern.ToString()), $"The corrected text contains {shape.Name}."));
        }
    }

    private static void DiffArrays(string path, JsonArray original, JsonArray corrected, DerivedAssertions result)
    {
        foreach (var element in corrected.Where(c => !original.Any(o => JsonValues.DeepEquals(o, c))).Take(MaxWordsPerText))
        {
            result.Assertions.Add(new TestAssertion(AssertionType.Contains, path, element?.DeepClone(), $"The list at {path} includes the element the correction added."));
        }

        foreach (var element in original.Where(o => !corrected.Any(c => JsonValues.DeepEquals(o, c))).Take(MaxWordsPerText))
        {
            result.Assertions.Add(new TestAssertion(AssertionType.NotContains, path, element?.DeepClone(), $"The list at {path} no longer includes the element the correction removed."));
        }
    }
}
