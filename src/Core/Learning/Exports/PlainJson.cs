using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning.Exports;

/// <summary>Turns JSON nodes into plain .NET values (dictionaries, lists, strings, numbers, booleans, null) for YAML serialization.</summary>
internal static class PlainJson
{
    public static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(ToPlain).ToList(),
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(node.ToJsonString()),
            _ => null,
        },
    };

    private static object Number(string raw) =>
        long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l
        : decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
}
