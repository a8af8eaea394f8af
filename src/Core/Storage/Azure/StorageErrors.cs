using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>Turns a storage error response into a <see cref="RequestFailedException"/> with the service's status and error code.</summary>
internal static class StorageErrors
{
    /// <summary>Reads the error code from <c>x-ms-error-code</c>, else from an XML <c>&lt;Error&gt;&lt;Code&gt;</c> or JSON <c>odata.error.code</c> body.</summary>
    public static string? ErrorCode(Response response) => Read(response).Code;

    public static RequestFailedException ToException(Response response)
    {
        var (code, text) = Read(response);
        var message = $"Storage request failed: {response.Status} {response.ReasonPhrase}"
            + (code is null ? string.Empty : $" ({code})")
            + (string.IsNullOrWhiteSpace(text) ? "." : $": {text}");
        return new RequestFailedException(response.Status, message, code, innerException: null);
    }

    /// <summary>Reads the code and message of an error response.</summary>
    public static (string? Code, string? Message) Read(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var body = response.Content?.ToString();
        var (bodyCode, bodyMessage) = ParseBody(body);
        return (headerCode ?? bodyCode, bodyMessage);
    }

    /// <summary>Parses an error body: the table service's JSON <c>{"odata.error":{"code","message":{"value"}}}</c> or the XML <c>&lt;Error&gt;</c>.</summary>
    public static (string? Code, string? Message) ParseBody(string? body)
    {
        body = body?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return (null, null);
        }

        try
        {
            if (body[0] == '{')
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.TryGetProperty("odata.error", out var error))
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var message = error.TryGetProperty("message", out var m)
                        ? (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString())
                        : null;
                    return (code, message);
                }
            }
            else if (body[0] == '<')
            {
                var root = XDocument.Parse(body).Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }
        }
        catch (Exception ex) when (ex is JsonException or XmlException)
        {
            // Not a storage error body; report the status only.
        }

        return (null, null);
    }
}
