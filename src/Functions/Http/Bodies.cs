using System.Text.Json;
using AgentFunctions.Core.Orchestration.Messages;
using Microsoft.AspNetCore.Http;

namespace AgentFunctions.Functions.Http;

/// <summary>Reads optional JSON request bodies: an empty body is null, malformed JSON a 400 problem.</summary>
internal static class Bodies
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is 0)
        {
            return (null, null);
        }

        try
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(text) ? (null, null) : (JsonSerializer.Deserialize<T>(text, MessageCodec.Options), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Result(400, "invalid-json", "The request body is not valid JSON.", ex.Message));
        }
    }
}
