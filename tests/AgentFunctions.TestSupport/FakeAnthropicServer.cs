using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace AgentFunctions.TestSupport;

/// <summary>
/// A local HTTP server speaking the Anthropic Messages wire protocol (<c>POST /v1/messages</c>, non-streaming), answering
/// each request as a callback scripts it (text with usage, or an error status with Anthropic's error body, after a delay).
/// </summary>
public sealed class FakeAnthropicServer : IAsyncDisposable
{
    private readonly FakeModelHttpServer _server;

    private FakeAnthropicServer(Func<JsonObject, FakeModelReply> reply) => _server = new FakeModelHttpServer(reply, Render);

    /// <summary>Gets the base URL to configure (<c>http://127.0.0.1:{port}</c>; the SDK appends <c>/v1/messages</c>).</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{_server.Port}");

    /// <summary>Gets the request bodies received, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests => _server.Requests;

    /// <summary>Gets the request headers received, in order.</summary>
    public ConcurrentQueue<System.Collections.Specialized.NameValueCollection> Headers => _server.Headers;

    /// <summary>Starts the server on a free 127.0.0.1 port.</summary>
    /// <param name="reply">Chooses the reply for a request body.</param>
    /// <returns>The running server.</returns>
    public static FakeAnthropicServer Start(Func<JsonObject, FakeModelReply> reply) => new(reply);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static (int, JsonObject) Render(JsonObject body, FakeModelReply reply)
    {
        if (reply.StatusCode != 200)
        {
            var type = reply.StatusCode == 429 ? "rate_limit_error" : reply.StatusCode == 529 ? "overloaded_error" : "api_error";
            return (reply.StatusCode, new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = $"scripted {reply.StatusCode}" } });
        }

        var prompt = reply.InputTokens ?? (body["messages"]!.ToJsonString().Length + (body["system"]?.ToJsonString().Length ?? 0)) / 4;
        var completion = reply.OutputTokens ?? reply.Text.Length / 4;
        return (200, new JsonObject
        {
            ["id"] = $"msg_{Guid.NewGuid():N}",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = body["model"]!.GetValue<string>(),
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = reply.Text }),
            ["stop_reason"] = "end_turn",
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = prompt, ["output_tokens"] = completion },
        });
    }
}
