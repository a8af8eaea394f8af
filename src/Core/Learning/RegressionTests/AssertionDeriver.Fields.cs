using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <content>
/// Assertions from the correction text grounded in the skill's fields (see <see cref="SkillFields"/>), sentence by sentence:
/// <list type="bullet">
/// <item>a <b>condition</b>: a number field named after <c>if/when/whenever/where/for/with/once</c> and followed by a range
/// (<c>50-70</c>, <c>between 50 and 70</c>, <c>from 50 to 70</c>) or a comparison (<c>&gt;= 80</c>, <c>at least</c>,
/// <c>above</c>, <c>below</c>, <c>less than</c> …) becomes the <see cref="TestAssertion.When"/> of the sentence's assertions
/// (the input's field when the input has it, else the output's); two conditions in one sentence are not combined (the
/// sentence is skipped);</item>
/// <item>a <b>value of an output field's enum</b> named as a word or quoted (<c>recommend discuss</c>) becomes <c>equals</c>
/// at that field; a value named after a negation (not, never, instead of, rather than, avoid, without …, in the same clause)
/// becomes <c>not-contains</c> when no value is asked for; a value of two fields' enums, or two values asked for one
/// field, is ambiguous and skipped;</item>
/// <item>a <b>field set to a value</b> (<c>fit_score should be 60</c>, <c>set priority to 1</c>,
/// <c>summary must be "…"</c>) becomes <c>equals</c> when the value fits the field (an enum value, a number for a number,
/// true/false for a boolean, quoted text for a string).</item>
/// </list>
/// Words that match no field are left to the rubric; nothing is guessed from free text.
/// </content>
internal static partial class AssertionDeriver
{
    private const string Number = @"\d+(?:\.\d+)?";
    private const string NotARange = @"(?![\d.]|\s*(?:-|–|—|\.\.)\s*\d|\s+(?:to|and)\s+\d)";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(1);

    private static void FromFields(string text, IReadOnlyList<SkillField> fields, JsonObject? input, JsonNode? output, DerivedAssertions result, HashSet<string> used)
    {
        foreach (var sentence in SentenceRegex().Split(text).Where(s => s.Trim().Length > 0))
        {
            var blanked = sentence;
            var conditions = new List<AssertionCondition>();
            foreach (var field in fields.Where(f => f.Kind == "number").GroupBy(f => f.Name).Select(g => g.OrderBy(f => f.Source == AssertionCondition.Input ? 0 : 1).First()))
            {
                foreach (Match m in NameRegex(field.Name).Matches(blanked))
                {
                    if (!ConditionalRegex().IsMatch(blanked[..m.Index]) || ParseRange(blanked[(m.Index + m.Length)..]) is not { } range)
                    {
                        continue;
                    }

                    conditions.Add(range.Condition with { Source = field.Source, Path = field.Path });
                    if (CompoundRegex().IsMatch(blanked[(m.Index + m.Length + range.Length)..]))
                    {
                        conditions.Add(range.Condition); // "… and years > 5": a second condition this text does not ground
                    }

                    blanked = string.Concat(blanked.AsSpan(0, m.Index), new string(' ', m.Length + range.Length), blanked.AsSpan(m.Index + m.Length + range.Length));
                }
            }

            if (conditions.Count > 1)
            {
                result.Notes.Add($"'{Excerpt(sentence)}' has more than one condition; combined conditions are left to the rubric.");
                continue;
            }

            var when = conditions.FirstOrDefault();
            var before = result.Assertions.Count;
            AssertEnumValues(blanked, fields, when, result, used);
            AssertFieldValues(blanked, fields, when, result, used);
            if (when is not null && result.Assertions.Count > before)
            {
                var source = when.Source == AssertionCondition.Input ? input : output;
                var seen = JsonPointer.Resolve(source, when.Path, out var found);
                result.Notes.Add($"The assertion(s) of '{Excerpt(sentence)}' apply only when {when.Describe()}; in the corrected execution {when.Path} was " +
                    (found ? $"{JsonValues.TextOf(seen)} ({(when.Holds(seen) ? "the condition held" : "the condition did not hold")})." : "missing."));
            }
        }
    }

    private static void AssertEnumValues(string sentence, IReadOnlyList<SkillField> fields, AssertionCondition? when, DerivedAssertions result, HashSet<string> used)
    {
        var owners = fields.Where(f => f.Source == AssertionCondition.Output)
            .SelectMany(f => f.Enum.Select(v => (Value: v, Field: f)))
            .GroupBy(p => p.Value, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Field).DistinctBy(f => f.Path).ToList(), StringComparer.OrdinalIgnoreCase);
        var positives = new Dictionary<SkillField, List<string>>();
        var negatives = new Dictionary<SkillField, List<string>>();
        foreach (var (value, owning) in owners)
        {
            foreach (Match m in NameRegex(value, literal: true).Matches(sentence))
            {
                if (owning.Count > 1)
                {
                    result.Notes.Add($"'{value}' is a value of {string.Join(" and ", owning.Select(f => f.Path))}; which one the correction means is left to the rubric.");
                    break;
                }

                used.Add(value); // grounded in the field, so not asserted again as quoted text of the whole output
                var list = ClauseNegationRegex().IsMatch(sentence[..m.Index]) ? negatives : positives;
                var field = owning[0];
                if (!list.TryGetValue(field, out var values))
                {
                    list[field] = values = [];
                }

                var canonical = field.Enum.First(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
                if (!values.Contains(canonical))
                {
                    values.Add(canonical);
                }
            }
        }

        foreach (var (field, values) in positives)
        {
            if (values.Count > 1)
            {
                result.Notes.Add($"The correction asks for {string.Join(" and ", values.Select(v => $"'{v}'"))} at {field.Path}; which one is left to the rubric.");
                continue;
            }

            Add(result, used, values[0], new TestAssertion(AssertionType.EqualsValue, field.Path, JsonValue.Create(values[0]),
                $"The correction asks for {field.Name} '{values[0]}' (a value of its enum in the output_schema){(when is null ? string.Empty : $" when {when.Describe()}")}.") { When = when });
        }

        foreach (var (field, values) in negatives.Where(n => !positives.ContainsKey(n.Key)))
        {
            foreach (var value in values)
            {
                if (field.Enum.Any(v => !string.Equals(v, value, StringComparison.OrdinalIgnoreCase) && v.Contains(value, StringComparison.OrdinalIgnoreCase)))
                {
                    result.Notes.Add($"'{value}' is part of another value of {field.Path}, so its absence cannot be asserted by text.");
                    continue;
                }

                Add(result, used, value, new TestAssertion(AssertionType.NotContains, field.Path, JsonValue.Create(value),
                    $"The correction rules out {field.Name} '{value}'{(when is null ? string.Empty : $" when {when.Describe()}")}.") { When = when });
            }
        }
    }

    private static void AssertFieldValues(string sentence, IReadOnlyList<SkillField> fields, AssertionCondition? when, DerivedAssertions result, HashSet<string> used)
    {
        foreach (var field in fields.Where(f => f.Source == AssertionCondition.Output && f.Kind != "other"))
        {
            foreach (Match m in NameRegex(field.Name).Matches(sentence))
            {
                var tail = AssignmentRegex().Match(sentence[(m.Index + m.Length)..]);
                var prefixed = SetRegex().IsMatch(sentence[..m.Index]) && SetTailRegex().Match(sentence[(m.Index + m.Length)..]) is { Success: true } setTail ? setTail : null;
                var valueMatch = tail.Success ? tail : prefixed;
                if (valueMatch is null || ClauseNegationRegex().IsMatch(sentence[..m.Index]) || Value(field, valueMatch.Groups["v"].Value) is not { } value)
                {
                    continue;
                }

                if (!result.Assertions.Any(a => a.Path == field.Path && a.Type == AssertionType.EqualsValue))
                {
                    Add(result, used, JsonValues.TextOf(value), new TestAssertion(AssertionType.EqualsValue, field.Path, value,
                        $"The correction sets {field.Name} to {value.ToJsonString()}{(when is null ? string.Empty : $" when {when.Describe()}")}.") { When = when });
                }
            }
        }
    }

    private static JsonValue? Value(SkillField field, string raw)
    {
        var quoted = raw.Length >= 2 && "\"'“`".Contains(raw[0], StringComparison.Ordinal);
        var text = quoted ? raw[1..^1] : raw;
        if (field.Enum.Count > 0)
        {
            return field.Enum.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase)) is { } v ? JsonValue.Create(v) : null;
        }

        return field.Kind switch
        {
            "number" when !quoted && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            "boolean" when !quoted && bool.TryParse(text, out var b) => JsonValue.Create(b),
            "string" when quoted && text.Length is > 0 and <= MaxEqualsChars => JsonValue.Create(text),
            _ => null,
        };
    }

    private static void Add(DerivedAssertions result, HashSet<string> used, string value, TestAssertion assertion)
    {
        if (result.Assertions.Count < MaxDeterministic)
        {
            result.Assertions.Add(assertion);
            used.Add(value);
        }
    }

    private static (AssertionCondition Condition, int Length)? ParseRange(string tail)
    {
        var m = RangeRegex().Match(tail);
        if (!m.Success)
        {
            return null;
        }

        static decimal N(Group g) => decimal.Parse(g.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (m.Groups["a"].Success)
        {
            var (a, b) = (N(m.Groups["a"]), N(m.Groups["b"]));
            return (new AssertionCondition(string.Empty, string.Empty, Math.Min(a, b), Math.Max(a, b)), m.Length);
        }

        var n = N(m.Groups["n"]);
        var condition = m.Groups["op"].Value.ToLowerInvariant() switch
        {
            ">=" or "≥" or "at least" or "no less than" => new AssertionCondition(string.Empty, string.Empty, n, null),
            ">" or "more than" or "greater than" or "higher than" or "above" or "over" => new AssertionCondition(string.Empty, string.Empty, n, null, ExclusiveMinimum: true),
            "<=" or "≤" or "at most" or "no more than" => new AssertionCondition(string.Empty, string.Empty, null, n),
            _ => new AssertionCondition(string.Empty, string.Empty, null, n, ExclusiveMaximum: true),
        };
        return (condition, m.Length);
    }

    /// <summary>A whole-word, case-insensitive match of a field name (<c>fit_score</c> also as "fit score", "fit-score", "fitScore") or of a literal value (also quoted).</summary>
    private static Regex NameRegex(string name, bool literal = false)
    {
        var body = literal
            ? Regex.Escape(name)
            : string.Join(@"[_\s-]?", CamelRegex().Split(name.Replace('-', '_')).SelectMany(p => p.Split('_')).Where(p => p.Length > 0).Select(Regex.Escape));
        return new Regex(@"(?<![\p{L}\p{N}_])" + body + @"(?![\p{L}\p{N}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, s_timeout);
    }

    private static string Excerpt(string sentence) => JsonValues.Excerpt(sentence.Trim(), 60);

    [GeneratedRegex(@"(?<=[.!?])\s+|\r?\n", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SentenceRegex();

    [GeneratedRegex(@"(?<=[a-z0-9])(?=[A-Z])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CamelRegex();

    [GeneratedRegex(@"\b(if|when|whenever|where|for|with|once)\b[^,;.]{0,30}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ConditionalRegex();

    [GeneratedRegex(@"\b(not|never|no longer|instead of|rather than|don't|do not|doesn't|does not|avoid|without)\b[^.;:,]{0,40}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ClauseNegationRegex();

    [GeneratedRegex(@"^\s*(?:(?:is|are|was|of|in|within|from|between|the|range|=|:)\s*)*(?:(?<a>" + Number + @")\s*(?:-|–|—|\.\.|to|and)\s*(?<b>" + Number + @")|(?<op>>=|<=|≥|≤|>|<|at least|at most|no more than|no less than|more than|less than|greater than|higher than|lower than|above|below|over|under)\s*(?<n>" + Number + "))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RangeRegex();

    [GeneratedRegex("^\\s*(?:should be|must be|must equal|should equal|needs to be|has to be|to be|is|=|:)\\s*(?<v>\"[^\"\\n]+\"|'[^'\\n]+'|“[^”\\n]+”|`[^`\\n]+`|" + Number + NotARange + "|true|false|[\\p{L}_-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AssignmentRegex();

    [GeneratedRegex(@"^\s*(and|or|but|unless|except)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CompoundRegex();

    [GeneratedRegex(@"\b(set|change|make)\s+(the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SetRegex();

    [GeneratedRegex("^\\s*(?:to|as)\\s+(?<v>\"[^\"\\n]+\"|'[^'\\n]+'|“[^”\\n]+”|`[^`\\n]+`|" + Number + NotARange + "|true|false|[\\p{L}_-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SetTailRegex();
}
