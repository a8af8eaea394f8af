using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <summary>JSON pointers (RFC 6901): <c>/a/0/b~1c</c> addresses <c>obj["a"][0]["b/c"]</c>; the empty pointer is the whole document.</summary>
internal static class JsonPointer
{
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static IReadOnlyList<string> Segments(string pointer) =>
        string.IsNullOrEmpty(pointer)
            ? []
            : [.. pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    /// <summary>Resolves a pointer; <paramref name="found"/> is false when a segment is missing (a present JSON null is found).</summary>
    public static JsonNode? Resolve(JsonNode? root, string pointer, out bool found)
    {
        var node = root;
        found = true;
        foreach (var segment in Segments(pointer))
        {
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                    node = child;
                    break;
                case JsonArray array when int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < array.Count:
                    node = array[i];
                    break;
                default:
                    found = false;
                    return null;
            }
        }

        return node;
    }
}
