using System.Text.Json;

namespace AgentFunctions.Functions.CustomHandler;

/// <summary>
/// The payload the Azure Functions host POSTs to a custom handler for a non-HTTP trigger:
/// <c>{"Data": {"&lt;binding&gt;": …}, "Metadata": {"Id": …, "DequeueCount": …, …}}</c>
/// (learn.microsoft.com/azure/azure-functions/functions-custom-handlers, "Request payload").
/// </summary>
/// <param name="Data">Trigger and input binding values by binding name.</param>
/// <param name="Metadata">Trigger metadata (for queue triggers: Id, DequeueCount, PopReceipt, InsertionTime …).</param>
internal sealed record InvocationRequest(Dictionary<string, JsonElement>? Data, Dictionary<string, JsonElement>? Metadata)
{
    /// <summary>Reads a binding value as text. The host may send a string trigger value JSON-encoded twice; both forms are accepted.</summary>
    public string? Text(string binding)
    {
        if (Data is null || !Data.TryGetValue(binding, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        if (text is { Length: > 1 } && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                text = JsonSerializer.Deserialize<string>(text) ?? text;
            }
            catch (JsonException)
            {
                // Not a JSON string after all; keep the text as it is.
            }
        }

        return text;
    }

    /// <summary>Reads a metadata value as a string.</summary>
    public string? MetadataString(string name) =>
        Metadata is not null && Metadata.TryGetValue(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    /// <summary>Reads a metadata value as a number.</summary>
    public long MetadataNumber(string name, long fallback) =>
        long.TryParse(MetadataString(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : fallback;
}
