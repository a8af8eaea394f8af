using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Graphs;

/// <summary>Checks the inputs a run supplies against a graph's declared inputs and applies defaults.</summary>
public static class GraphInputBinder
{
    /// <summary>
    /// Binds supplied inputs: every supplied name must be declared and have the declared JSON type; every required input
    /// must be supplied. A supplied JSON null counts as not supplied. The result holds every declared input: the supplied
    /// value, else a copy of the default, else null.
    /// </summary>
    /// <param name="graph">The graph whose inputs are declared.</param>
    /// <param name="supplied">The run's inputs, or null for none.</param>
    /// <returns>The bound inputs, or every error found (codes <c>unknown_input</c>, <c>missing_input</c>, <c>invalid_input_type</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    public static GraphInputBindResult Bind(GraphDefinition graph, JsonObject? supplied)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var errors = new List<GraphError>();
        var declared = graph.Inputs.Select(i => i.Name).ToList();
        foreach (var (name, _) in supplied ?? [])
        {
            if (!declared.Contains(name, StringComparer.Ordinal))
            {
                var known = declared.Count == 0 ? $"graph '{graph.Name}' declares no inputs" : $"declared: {string.Join(", ", declared)}";
                errors.Add(new GraphError(GraphErrorCodes.UnknownInput, $"Unknown input '{name}'{NameSuggestions.Hint(name, declared)} ({known}).", null, null, null, $"inputs.{name}"));
            }
        }

        var bound = new JsonObject();
        foreach (var input in graph.Inputs)
        {
            var value = supplied is not null && supplied.TryGetPropertyValue(input.Name, out var given) ? given : null;
            if (value is null)
            {
                if (input.Required)
                {
                    errors.Add(new GraphError(GraphErrorCodes.MissingInput, $"Input '{input.Name}' is required{Described(input)}.", null, null, null, $"inputs.{input.Name}"));
                }

                bound[input.Name] = input.Default?.DeepClone();
            }
            else if (!Matches(input.Type, value))
            {
                errors.Add(new GraphError(GraphErrorCodes.InvalidInputType, $"Input '{input.Name}' must be {Article(input.Type)} {input.Type}, not {value.GetValueKind().ToString().ToLowerInvariant()} {Preview(value)}.", null, null, null, $"inputs.{input.Name}"));
            }
            else
            {
                bound[input.Name] = value.DeepClone();
            }
        }

        return errors.Count == 0 ? new GraphInputBindResult(bound, []) : new GraphInputBindResult(null, errors);
    }

    /// <summary>Returns whether a JSON value has a declared input type.</summary>
    /// <param name="type">One of <c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c>, <c>object</c>, <c>array</c>.</param>
    /// <param name="value">The value; null never matches.</param>
    internal static bool Matches(string type, JsonNode? value)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        return type switch
        {
            "string" => kind == JsonValueKind.String,
            "number" => kind == JsonValueKind.Number,
            "integer" => kind == JsonValueKind.Number && IsInteger(value!.AsValue()),
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            _ => false,
        };
    }

    private static bool IsInteger(JsonValue value) =>
        value.TryGetValue<long>(out _)
        || (value.TryGetValue<decimal>(out var exact) && decimal.Truncate(exact) == exact)
        || (value.TryGetValue<double>(out var approximate) && double.IsInteger(approximate));

    private static string Described(GraphInput input) => input.Description is null ? string.Empty : $" ({input.Description})";

    private static string Article(string type) => type is "integer" or "object" or "array" ? "an" : "a";

    private static string Preview(JsonNode value)
    {
        var json = value.ToJsonString();
        return json.Length <= 40 ? json : json[..37] + "...";
    }
}
