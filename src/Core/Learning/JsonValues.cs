using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning;

/// <summary>JSON helpers shared by the learning loop: deep equality that treats 1 and 1.0 as equal, and short excerpts.</summary>
internal static class JsonValues
{
    private static readonly JsonSerializerOptions s_readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compares two JSON values structurally; numbers compare by value, object key order is ignored.</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number)
        {
            return a.ToJsonString() == b.ToJsonString() ||
                   (double.TryParse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) &&
                    double.TryParse(b.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && x.Equals(y));
        }

        return JsonNode.DeepEquals(a, b);
    }

    /// <summary>Gets the text of a value: the string itself for a JSON string, else its compact JSON with non-ASCII kept
    /// (as JavaScript's <c>JSON.stringify</c> writes it, so that promptfoo exports see the same text); "null" for null.</summary>
    public static string TextOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(s_readable),
    };

    /// <summary>Cuts a text to at most <paramref name="max"/> characters, marking the cut with an ellipsis.</summary>
    public static string Excerpt(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>Serialises a node compactly, or returns null for null.</summary>
    public static string? ToJson(JsonNode? node) => node?.ToJsonString();

    /// <summary>Parses JSON text written by <see cref="ToJson"/>; null text gives null.</summary>
    public static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
