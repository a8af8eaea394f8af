using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFunctions.Core.Orchestration.Messages;

/// <summary>
/// Serializes messages and API bodies as JSON (camelCase, enums in snake_case) and validates what it reads, so a malformed
/// message fails with a reason naming the field. (Base64 on the wire is the queue client's job.)
/// </summary>
public static class MessageCodec
{
    /// <summary>Gets the JSON options used for every message.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Serializes a message.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Options);

    /// <summary>Reads a run request (the <c>POST /api/runs</c> body, also accepted on the run-requests queue).</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The request.</returns>
    /// <exception cref="MalformedMessageException">The text is not a JSON run request.</exception>
    public static RunRequest ReadRunRequest(string text) => Deserialize<RunRequest>(text);

    private static T Deserialize<T>(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new MalformedMessageException("The message is empty.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, Options)
                ?? throw new MalformedMessageException("The message is JSON null.");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? string.Empty : $" at '{ex.Path}'";
            throw new MalformedMessageException($"The message is not valid {typeof(T).Name} JSON{where}: {ex.Message}", ex);
        }
    }
}
