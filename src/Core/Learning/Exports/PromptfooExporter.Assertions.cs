using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.RegressionTests;

namespace AgentFunctions.Core.Learning.Exports;

/// <content>Mapping our assertions to promptfoo assertion types.</content>
public static partial class PromptfooExporter
{
    private const string DeepEqual =
        "const eq = (x, y) => x === y || (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null && " +
        "Array.isArray(x) === Array.isArray(y) && Object.keys(x).length === Object.keys(y).length && Object.keys(x).every(k => eq(x[k], y[k])));";

    private static Dictionary<string, object?> Assertion(TestAssertion a, string metric)
    {
        if (a.Type == AssertionType.Rubric)
        {
            return new() { ["type"] = "llm-rubric", ["value"] = JsonValues.TextOf(a.Value), ["metric"] = metric };
        }

        var text = a.Value?.GetValueKind() == JsonValueKind.String ? a.Value.GetValue<string>() : null;
        var scalar = a.Value is JsonValue && a.Value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;
        var native = a.When is not null ? null : a.Type switch
        {
            AssertionType.EqualsValue when scalar && (text is null || !Templated(text)) => ("equals", PlainJson.ToPlain(a.Value)),
            AssertionType.Contains when text is not null && !Templated(text) => ("icontains", text),
            AssertionType.NotContains when text is not null && !Templated(text) => ("not-icontains", text),
            AssertionType.Regex when text is not null && !Templated(text) => ("regex", text),
            _ => ((string, object?)?)null,
        };
        var result = native is { } n
            ? new Dictionary<string, object?> { ["type"] = n.Item1, ["value"] = n.Item2 }
            : new Dictionary<string, object?> { ["type"] = "javascript", ["value"] = Javascript(a) };
        if (native is not null && a.Path.Length > 0)
        {
            result["transform"] = Accessor(a.Path) + " ?? null";
        }

        result["metric"] = metric;
        return result;
    }

    /// <summary>A function body (multi-line, so promptfoo does not prefix <c>return</c>) returning a grading result.</summary>
    private static string Javascript(TestAssertion a)
    {
        var where = a.Path.Length == 0 ? "the output" : a.Path;
        var test = a.Type switch
        {
            AssertionType.EqualsValue => "eq(a, e)",
            AssertionType.Contains => "has(a, e)",
            AssertionType.NotContains => "!has(a, e)",
            AssertionType.Regex => "new RegExp(e).test(typeof a === 'string' ? a : JSON.stringify(a))",
            _ => "false",
        };
        return string.Join('\n', Condition(a.When).Append(string.Join('\n',
            $"const a = {Accessor(a.Path)} ?? null;",
            $"const e = {JsLiteral(a.Value)};",
            DeepEqual,
            "const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v)).toLowerCase();",
            "const has = (x, v) => Array.isArray(x) ? x.some(i => eq(i, v) || (typeof v === 'string' && typeof i === 'string' && text(i).includes(text(v)))) : text(x).includes(text(v));",
            $"const pass = {test};",
            $"return ({{ pass, score: pass ? 1 : 0, reason: pass ? 'ok' : {JsLiteral(JsonValue.Create($"{a.Type} at {where} failed: expected "))} + JSON.stringify(e) + ', got ' + JSON.stringify(a) }});")));
    }

    /// <summary>
    /// The guard of a conditional assertion: when the condition does not hold the assertion fails with a reason saying it
    /// was not checked (promptfoo has no "not evaluated", and a skipped check must not read as a pass in CI).
    /// </summary>
    private static IEnumerable<string> Condition(AssertionCondition? when)
    {
        if (when is null)
        {
            yield break;
        }

        static string N(decimal d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var root = when.Source == AssertionCondition.Input ? "(context.vars.input)" : "output";
        var checks = new List<string> { "typeof c === 'number'" };
        if (when.Minimum is { } min)
        {
            checks.Add($"c {(when.ExclusiveMinimum ? ">" : ">=")} {N(min)}");
        }

        if (when.Maximum is { } max)
        {
            checks.Add($"c {(when.ExclusiveMaximum ? "<" : "<=")} {N(max)}");
        }

        yield return $"const c = {root}{string.Concat(JsonPointer.Segments(when.Path).Select(s => $"?.[{JsLiteral(JsonValue.Create(s))}]"))} ?? null;";
        yield return $"if (!({string.Join(" && ", checks)})) return ({{ pass: false, score: 0, reason: {JsLiteral(JsonValue.Create($"not checked: its condition ({when.Describe()}) does not hold, got "))} + JSON.stringify(c) }});";
    }

    /// <summary><c>output?.["a"]?.["b"]</c> for the pointer <c>/a/b</c>; <c>output</c> for the whole output.</summary>
    private static string Accessor(string pointer) =>
        "output" + string.Concat(JsonPointer.Segments(pointer).Select(s => $"?.[{JsLiteral(JsonValue.Create(s))}]"));

    private static bool Templated(string value) =>
        value.Contains("{{", StringComparison.Ordinal) || value.Contains("{%", StringComparison.Ordinal) || value.Contains("{#", StringComparison.Ordinal) ||
        value.StartsWith("file://", StringComparison.Ordinal) || value.StartsWith("package:", StringComparison.Ordinal);

    /// <summary>A JavaScript literal of a JSON value whose strings escape <c>{ } % #</c>, so promptfoo's Nunjucks rendering leaves it alone.</summary>
    internal static string JsLiteral(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{ " + string.Join(", ", o.Select(p => $"{JsLiteral(JsonValue.Create(p.Key))}: {JsLiteral(p.Value)}")) + " }",
        JsonArray arr => "[" + string.Join(", ", arr.Select(JsLiteral)) + "]",
        _ when node.GetValueKind() == JsonValueKind.String => EscapeString(node.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    private static string EscapeString(string s)
    {
        var json = JsonSerializer.Serialize(s); // escapes quotes, control characters and non-ASCII as \uXXXX
        return json.Replace("{", "\\u007b", StringComparison.Ordinal).Replace("}", "\\u007d", StringComparison.Ordinal)
            .Replace("%", "\\u0025", StringComparison.Ordinal).Replace("#", "\\u0023", StringComparison.Ordinal);
    }
}
