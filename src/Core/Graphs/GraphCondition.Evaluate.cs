using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Graphs;

/// <content>Evaluation over run inputs and node outputs.</content>
public sealed partial class GraphCondition
{
    /// <summary>Evaluates the condition to a JSON value.</summary>
    /// <param name="inputs">The run's bound inputs.</param>
    /// <param name="nodeOutputs">Outputs of the graph's nodes by id (null or absent for a node without output).</param>
    /// <param name="item">The item of a <c>for_each</c> instance, or null.</param>
    /// <returns>The value (a boolean for comparisons and logical operators).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="nodeOutputs"/> is null.</exception>
    /// <exception cref="GraphExpressionException">An operator or function does not apply to its operands (such as <c>'a' &lt; 1</c> or <c>len(3)</c>).</exception>
    public JsonNode? Evaluate(JsonObject inputs, IReadOnlyDictionary<string, JsonNode?> nodeOutputs, ForEachItem? item = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(nodeOutputs);
        return Eval(_root, inputs, nodeOutputs, item);
    }

    /// <summary>Evaluates the condition and tells whether the result is true (see <see cref="IsTruthy"/>).</summary>
    /// <param name="inputs">The run's bound inputs.</param>
    /// <param name="nodeOutputs">Outputs of the graph's nodes by id.</param>
    /// <param name="item">The item of a <c>for_each</c> instance, or null.</param>
    /// <returns>True when the condition holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="nodeOutputs"/> is null.</exception>
    /// <exception cref="GraphExpressionException">An operator or function does not apply to its operands.</exception>
    public bool IsTrue(JsonObject inputs, IReadOnlyDictionary<string, JsonNode?> nodeOutputs, ForEachItem? item = null) =>
        IsTruthy(Evaluate(inputs, nodeOutputs, item));

    /// <summary>Tells whether a value counts as true: everything except <c>false</c>, <c>null</c>, <c>0</c> and <c>""</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>True for a truthy value.</returns>
    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False => false,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => Number(v) != 0,
            _ => true,
        },
        _ => true,
    };

    /// <summary>Compares two JSON values: same type and same value (numbers by value, strings ordinally, arrays and objects deeply).</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when equal.</returns>
    public static bool JsonEquals(JsonNode? left, JsonNode? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (JsonArray a, JsonArray b) => a.Count == b.Count && a.Zip(b).All(p => JsonEquals(p.First, p.Second)),
        (JsonObject a, JsonObject b) => a.Count == b.Count && a.All(p => b.TryGetPropertyValue(p.Key, out var other) && JsonEquals(p.Value, other)),
        (JsonValue a, JsonValue b) when a.GetValueKind() == b.GetValueKind() => a.GetValueKind() switch
        {
            JsonValueKind.Number => Number(a) == Number(b),
            JsonValueKind.String => a.GetValue<string>() == b.GetValue<string>(),
            _ => true, // true == true, false == false
        },
        _ => false,
    };

    private JsonNode? Eval(Ast node, JsonObject inputs, IReadOnlyDictionary<string, JsonNode?> outputs, ForEachItem? item) => node switch
    {
        LiteralAst literal => literal.Value?.DeepClone(),
        PathAst path => Read(path.Path, inputs, outputs, item),
        NotAst not => JsonValue.Create(!IsTruthy(Eval(not.Operand, inputs, outputs, item))),
        BinaryAst { Operator: "&&" } and => JsonValue.Create(IsTruthy(Eval(and.Left, inputs, outputs, item)) && IsTruthy(Eval(and.Right, inputs, outputs, item))),
        BinaryAst { Operator: "||" } or => JsonValue.Create(IsTruthy(Eval(or.Left, inputs, outputs, item)) || IsTruthy(Eval(or.Right, inputs, outputs, item))),
        BinaryAst binary => JsonValue.Create(Compare(binary.Operator, Eval(binary.Left, inputs, outputs, item), Eval(binary.Right, inputs, outputs, item))),
        CallAst call => Call(call, call.Arguments.Select(a => Eval(a, inputs, outputs, item)).ToList()),
        _ => throw new InvalidOperationException($"Unknown condition node {node.GetType().Name}."),
    };

    /// <summary>Reads a path leniently: anything absent reads as null.</summary>
    private static JsonNode? Read(GraphExpression path, JsonObject inputs, IReadOnlyDictionary<string, JsonNode?> outputs, ForEachItem? item)
    {
        var current = path.Root switch
        {
            ExpressionRoot.Inputs => inputs.TryGetPropertyValue(path.Name, out var input) ? input : null,
            ExpressionRoot.Nodes => outputs.TryGetValue(path.Name, out var output) ? output : null,
            ExpressionRoot.Item => item?.Value,
            _ => item is null ? null : JsonValue.Create(item.Index),
        };
        foreach (var segment in path.Path)
        {
            current = segment.Field is { } field
                ? current is JsonObject obj && obj.TryGetPropertyValue(field, out var value) ? value : null
                : current is JsonArray array && segment.Index < array.Count ? array[segment.Index!.Value] : null;
        }

        return current?.DeepClone();
    }

    private bool Compare(string op, JsonNode? left, JsonNode? right)
    {
        if (op is "==" or "!=")
        {
            return JsonEquals(left, right) == (op == "==");
        }

        int order;
        if (Kind(left) == JsonValueKind.Number && Kind(right) == JsonValueKind.Number)
        {
            order = Number(left!.AsValue()).CompareTo(Number(right!.AsValue()));
        }
        else if (Kind(left) == JsonValueKind.String && Kind(right) == JsonValueKind.String)
        {
            order = string.CompareOrdinal(left!.GetValue<string>(), right!.GetValue<string>());
        }
        else
        {
            throw new GraphExpressionException(Text, $"'{op}' compares two numbers or two strings, not {Describe(left)} and {Describe(right)}.");
        }

        return op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    private JsonValue Call(CallAst call, List<JsonNode?> args)
    {
        if (call.Function == "len")
        {
            return args[0] switch
            {
                null => JsonValue.Create(0),
                JsonArray array => JsonValue.Create(array.Count),
                JsonObject obj => JsonValue.Create(obj.Count),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(v.GetValue<string>().Length),
                var other => throw new GraphExpressionException(Text, $"len() takes a string, an array or an object, not {Describe(other)}."),
            };
        }

        var (haystack, needle) = (args[0], args[1]);
        return JsonValue.Create(haystack switch
        {
            null => false,
            JsonArray array => array.Any(element => JsonEquals(element, needle)),
            JsonObject obj => Kind(needle) == JsonValueKind.String && obj.ContainsKey(needle!.GetValue<string>()),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => needle is JsonValue
                && v.GetValue<string>().Contains(Kind(needle) == JsonValueKind.String ? needle.GetValue<string>() : needle.ToJsonString(), StringComparison.Ordinal),
            var other => throw new GraphExpressionException(Text, $"contains() looks in a string, an array or an object, not {Describe(other)}."),
        });
    }

    private static JsonValueKind Kind(JsonNode? value) => value?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>Reads a JSON number as a decimal (or as a double when it does not fit).</summary>
    private static double Number(JsonValue value)
    {
        var text = value.ToJsonString();
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            ? (double)exact
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => $"the string '{value.GetValue<string>()}'",
            JsonValueKind.Number => $"the number {value.ToJsonString()}",
            _ => $"the boolean {value.ToJsonString()}",
        },
    };
}
