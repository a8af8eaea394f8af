using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;

namespace AgentFunctions.TestSupport;

/// <summary>
/// A local HTTP server speaking the OpenAI Chat Completions wire protocol (<c>POST /v1/chat/completions</c>), answering
/// with text chosen by a callback and reporting usage. Stands in for a live model in tests; every request is kept.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<JsonObject, string> _answer;
    private readonly Task _loop;

    /// <summary>Starts the server on a free 127.0.0.1 port.</summary>
    /// <param name="answer">Chooses the assistant's text for a request body.</param>
    /// <returns>The running server.</returns>
    public static FakeOpenAIServer Start(Func<JsonObject, string> answer) => new(answer);

    private FakeOpenAIServer(Func<JsonObject, string> answer)
    {
        _answer = answer;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = ServeAsync();
    }

    /// <summary>Gets the port.</summary>
    public int Port { get; }

    /// <summary>Gets the endpoint to configure (<c>http://127.0.0.1:{port}/v1</c>).</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/v1");

    /// <summary>Gets the request bodies received, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
            // Stopped while waiting for a request.
        }
        catch (ObjectDisposedException)
        {
            // Stopped while waiting for a request.
        }

        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
            Requests.Enqueue(body);
            var text = _answer(body);
            var prompt = body["messages"]!.AsArray().Sum(m => m!["content"]!.ToString().Length) / 4;
            var response = new JsonObject
            {
                ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
                ["object"] = "chat.completion",
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["model"] = body["model"]!.GetValue<string>(),
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = text.Length / 4, ["total_tokens"] = prompt + (text.Length / 4) },
            };
            var bytes = Encoding.UTF8.GetBytes(response.ToJsonString());
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
