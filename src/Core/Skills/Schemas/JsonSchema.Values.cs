using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Skills.Schemas;

/// <content>JSON value helpers: kinds, numbers, equality and short descriptions for messages.</content>
public sealed partial class JsonSchema
{
    private const int MaxShownLength = 80;

    private static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static decimal? Number(JsonNode? node) =>
        Kind(node) == JsonValueKind.Number
        && decimal.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static double Double(JsonNode node) =>
        double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;

    private static bool MatchesType(JsonNode type, JsonNode? instance)
    {
        JsonNode?[] names = type is JsonArray array ? [.. array] : [type];
        return names.Any(n => MatchesType(n!.GetValue<string>(), instance));
    }

    private static bool MatchesType(string type, JsonNode? instance) => (type, Kind(instance)) switch
    {
        ("null", JsonValueKind.Null) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        ("string", JsonValueKind.String) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => Number(instance) is { } d ? d == decimal.Truncate(d) : Math.Abs(Double(instance!) % 1) == 0,
        _ => false,
    };

    private static string KindName(JsonNode? instance) => Kind(instance) switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        _ => MatchesType("integer", instance) ? "an integer" : "a number",
    };

    private static string Describe(JsonNode type) =>
        type is JsonArray array ? string.Join(" or ", array.Select(n => n!.GetValue<string>())) : type.GetValue<string>();

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= MaxShownLength ? text : string.Concat(text.AsSpan(0, MaxShownLength), "…");
    }

    /// <summary>JSON equality: numbers by value (<c>1</c> equals <c>1.0</c>), strings ordinally, arrays in order, objects by key set.</summary>
    private static bool JsonEquals(JsonNode? a, JsonNode? b)
    {
        var kind = Kind(a);
        if (kind != Kind(b))
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Number:
                return Number(a) is { } x && Number(b) is { } y ? x == y : Double(a!).Equals(Double(b!));
            case JsonValueKind.String:
                return string.Equals(a!.GetValue<string>(), b!.GetValue<string>(), StringComparison.Ordinal);
            case JsonValueKind.Array:
                var left = (JsonArray)a!;
                var right = (JsonArray)b!;
                return left.Count == right.Count && left.Zip(right).All(p => JsonEquals(p.First, p.Second));
            case JsonValueKind.Object:
                var l = (JsonObject)a!;
                var r = (JsonObject)b!;
                return l.Count == r.Count && l.All(p => r.TryGetPropertyValue(p.Key, out var other) && JsonEquals(p.Value, other));
            default:
                return true;
        }
    }
}
