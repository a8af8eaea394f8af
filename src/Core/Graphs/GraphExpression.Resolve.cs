using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Graphs;

/// <content>Resolution: evaluating expressions against run inputs and node outputs.</content>
public sealed partial class GraphExpression
{
    /// <summary>
    /// Deep-copies a template (a node's <c>with:</c> map or any JSON value) and replaces every string holding expressions:
    /// a string that is exactly one expression becomes the value it names (any JSON type, null included); a string with
    /// text around expressions becomes a string in which strings are inserted as they are, null as nothing, and
    /// numbers, booleans, arrays and objects as compact JSON. Object keys are not resolved.
    /// </summary>
    /// <param name="template">The template; it is not modified.</param>
    /// <param name="inputs">The run's bound inputs (see <see cref="GraphInputBinder"/>).</param>
    /// <param name="nodeOutputs">Outputs of the nodes that have completed, by node id.</param>
    /// <param name="item">The item of a <c>for_each</c> instance (for <c>${{ item }}</c> and <c>${{ item_index }}</c>), or null.</param>
    /// <returns>A resolved copy of the template.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="nodeOutputs"/> is null.</exception>
    /// <exception cref="GraphExpressionException">An expression is malformed, or names an input, node output, field or index that is absent.</exception>
    public static JsonNode? Resolve(JsonNode? template, JsonObject inputs, IReadOnlyDictionary<string, JsonNode?> nodeOutputs, ForEachItem? item = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(nodeOutputs);
        return template switch
        {
            null => null,
            JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value, inputs, nodeOutputs, item)))),
            JsonArray array => new JsonArray(array.Select(element => Resolve(element, inputs, nodeOutputs, item)).ToArray()),
            JsonValue value when value.TryGetValue<string>(out var text) => ResolveString(text, inputs, nodeOutputs, item),
            _ => template.DeepClone(),
        };
    }

    /// <summary>Lists every expression inside a template (strings at any depth), in document order.</summary>
    /// <param name="template">A node's <c>with:</c> map or any JSON value.</param>
    /// <returns>The expressions.</returns>
    /// <exception cref="GraphExpressionException">An expression is malformed (never for a graph that loaded).</exception>
    public static IReadOnlyList<GraphExpression> FindAll(JsonNode? template)
    {
        var found = new List<GraphExpression>();
        Collect(template, found);
        return found;
    }

    /// <summary>
    /// Evaluates the expression. A node whose output is null (it was skipped, or it failed and is optional) reads as null
    /// whatever path follows it; any other absent field or index is an error.
    /// </summary>
    /// <param name="inputs">The run's bound inputs.</param>
    /// <param name="nodeOutputs">Outputs of the nodes that have completed, by node id.</param>
    /// <param name="item">The item of a <c>for_each</c> instance, or null.</param>
    /// <returns>A copy of the value the expression names (null for JSON null).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="nodeOutputs"/> is null.</exception>
    /// <exception cref="GraphExpressionException">The input, node output, field or index is absent, or a segment applies to the wrong type.</exception>
    public JsonNode? Evaluate(JsonObject inputs, IReadOnlyDictionary<string, JsonNode?> nodeOutputs, ForEachItem? item = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(nodeOutputs);
        JsonNode? current;
        switch (Root)
        {
            case ExpressionRoot.Inputs:
                current = inputs.TryGetPropertyValue(Name, out var input)
                    ? input
                    : throw new GraphExpressionException(Text, $"the run has no input '{Name}'.");
                break;
            case ExpressionRoot.Nodes:
                current = nodeOutputs.TryGetValue(Name, out var output)
                    ? output
                    : throw new GraphExpressionException(Text, $"node '{Name}' has no output yet (it has not completed).");
                if (current is null)
                {
                    return null; // a skipped node, or a failed optional one: everything read through it is null
                }

                break;
            default:
                var scope = item ?? throw new GraphExpressionException(Text, $"'{Name}' is only available in the instances of a for_each node.");
                current = Root == ExpressionRoot.Item ? scope.Value : JsonValue.Create(scope.Index);
                break;
        }

        for (var i = 0; i < Path.Count; i++)
        {
            current = Step(current, Path[i], i);
        }

        return current?.DeepClone();
    }

    private JsonNode? Step(JsonNode? current, ExpressionSegment segment, int index)
    {
        var at = Describe(index);
        if (segment.Field is { } field)
        {
            if (current is not JsonObject obj)
            {
                throw new GraphExpressionException(Text, $"cannot read field '{field}': {at} is {KindOf(current)}, not an object.");
            }

            return obj.TryGetPropertyValue(field, out var value)
                ? value
                : throw new GraphExpressionException(Text, $"{at} has no field '{field}' (fields: {string.Join(", ", obj.Select(p => p.Key))}).");
        }

        var position = segment.Index!.Value;
        if (current is not JsonArray array)
        {
            throw new GraphExpressionException(Text, $"cannot read [{position}]: {at} is {KindOf(current)}, not an array.");
        }

        return position < array.Count
            ? array[position]
            : throw new GraphExpressionException(Text, $"index {position} is out of range: {at} has {array.Count} item(s).");
    }

    private static JsonNode? ResolveString(string text, JsonObject inputs, IReadOnlyDictionary<string, JsonNode?> nodeOutputs, ForEachItem? item)
    {
        if (!ContainsExpression(text))
        {
            return JsonValue.Create(text);
        }

        var errors = new List<string>();
        var parts = Split(text, errors);
        if (errors.Count > 0)
        {
            throw new GraphExpressionException(text, errors[0]);
        }

        if (parts is [{ Expression: { } only }])
        {
            return only.Evaluate(inputs, nodeOutputs, item);
        }

        var result = new StringBuilder();
        foreach (var part in parts)
        {
            result.Append(part.Expression is null ? part.Literal : Stringify(part.Expression.Evaluate(inputs, nodeOutputs, item)));
        }

        return JsonValue.Create(result.ToString());
    }

    private static string Stringify(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
    };

    private static void Collect(JsonNode? node, List<GraphExpression> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj)
                {
                    Collect(property.Value, found);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, found);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && ContainsExpression(text):
                var errors = new List<string>();
                var parts = Split(text, errors);
                found.AddRange(errors.Count == 0
                    ? parts.Where(p => p.Expression is not null).Select(p => p.Expression!)
                    : throw new GraphExpressionException(text, errors[0]));
                break;
        }
    }
}
