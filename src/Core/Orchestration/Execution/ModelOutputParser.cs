using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>Extracts the JSON object a skill asked the model for, tolerating a Markdown code fence around it.</summary>
public static class ModelOutputParser
{
    /// <summary>Parses the model's text as one JSON object.</summary>
    /// <param name="text">The model's answer.</param>
    /// <param name="error">Why parsing failed, when it returns null.</param>
    /// <returns>The object, or null.</returns>
    public static JsonObject? TryParseJsonObject(string? text, out string? error)
    {
        error = null;
        var s = (text ?? string.Empty).Trim();
        if (s.StartsWith("```", StringComparison.Ordinal))
        {
            var firstNewline = s.IndexOf('\n', StringComparison.Ordinal);
            var closing = s.LastIndexOf("```", StringComparison.Ordinal);
            if (firstNewline > 0 && closing > firstNewline)
            {
                s = s[(firstNewline + 1)..closing].Trim();
            }
        }

        try
        {
            if (JsonNode.Parse(s) is JsonObject obj)
            {
                return obj;
            }

            error = "the answer is JSON but not an object";
            return null;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return null;
        }
    }
}
