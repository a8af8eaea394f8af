using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AgentFunctions.TestSupport;

/// <summary>
/// A local HTTP server speaking the OpenAI Chat Completions wire protocol (<c>POST /v1/chat/completions</c>), answering each
/// request as a callback scripts it (text with usage, or an error status, after a delay). Stands in for a live model in
/// tests; every request is kept and requests in flight are counted. Requests are handled concurrently.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly FakeModelHttpServer _server;

    private FakeOpenAIServer(Func<JsonObject, FakeModelReply> reply) => _server = new FakeModelHttpServer(reply, Render);

    /// <summary>Gets the port.</summary>
    public int Port => _server.Port;

    /// <summary>Gets the endpoint to configure (<c>http://127.0.0.1:{port}/v1</c>).</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/v1");

    /// <summary>Gets the request bodies received, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests => _server.Requests;

    /// <summary>Gets the most requests that were in flight at once.</summary>
    public int MaxInFlight => _server.MaxInFlight;

    /// <summary>Starts the server on a free 127.0.0.1 port, answering 200 with text.</summary>
    /// <param name="answer">Chooses the assistant's text for a request body.</param>
    /// <returns>The running server.</returns>
    public static FakeOpenAIServer Start(Func<JsonObject, string> answer) => new(body => new FakeModelReply(answer(body)));

    /// <summary>Starts the server on a free 127.0.0.1 port, answering as scripted.</summary>
    /// <param name="reply">Chooses the reply for a request body (its <c>model</c> field names the model asked for).</param>
    /// <returns>The running server.</returns>
    public static FakeOpenAIServer Start(Func<JsonObject, FakeModelReply> reply) => new(reply);

    /// <summary>Counts the requests for one model name.</summary>
    /// <param name="model">The model name sent to the provider.</param>
    /// <returns>The count.</returns>
    public int RequestsFor(string model) => Requests.Count(r => r["model"]?.GetValue<string>() == model);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static (int, JsonObject) Render(JsonObject body, FakeModelReply reply)
    {
        if (reply.StatusCode != 200)
        {
            var type = reply.StatusCode == 429 ? "rate_limit_exceeded" : "server_error";
            return (reply.StatusCode, new JsonObject { ["error"] = new JsonObject { ["message"] = $"scripted {reply.StatusCode}", ["type"] = type, ["code"] = type } });
        }

        var prompt = reply.InputTokens ?? body["messages"]!.AsArray().Sum(m => m!["content"]?.ToString().Length ?? 0) / 4;
        var completion = reply.OutputTokens ?? reply.Text.Length / 4;
        return (200, new JsonObject
        {
            ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = body["model"]!.GetValue<string>(),
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = reply.ToolCalls.Count == 0
                    ? new JsonObject { ["role"] = "assistant", ["content"] = reply.Text }
                    : new JsonObject
                    {
                        ["role"] = "assistant",
                        ["content"] = reply.Text.Length == 0 ? null : reply.Text,
                        ["tool_calls"] = new JsonArray([.. reply.ToolCalls.Select(c => (JsonNode)new JsonObject
                        {
                            ["id"] = c.Id,
                            ["type"] = "function",
                            ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.ArgumentsJson },
                        })]),
                    },
                ["finish_reason"] = reply.ToolCalls.Count == 0 ? "stop" : "tool_calls",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
        });
    }
}
