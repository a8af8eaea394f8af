using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Api;
using AgentFunctions.Cli.Commands.Runs;
using AgentFunctions.Cli.Local;

namespace AgentFunctions.Functions.Tests.Cli;

/// <summary><c>events --follow</c>'s reader against a stream that drops: it resumes with <c>Last-Event-ID</c> and shows each event once.</summary>
public sealed class EventStreamFollowerTests
{
    [Fact]
    public async Task FollowAsync_ConnectionDropsMidRun_ReconnectsWithLastEventIdAndShowsEveryEventOnce()
    {
        var port = FreePort.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var lastEventIds = new List<string?>();
        var server = Task.Run(async () =>
        {
            // First connection: events 1 and 2, then the connection closes without `event: end`.
            var first = await listener.GetContextAsync();
            lastEventIds.Add(first.Request.Headers["Last-Event-ID"]);
            await WriteAsync(first, "event: heartbeat\ndata: {}\n\n" + Event(1, "run_started") + Event(2, "node_scheduled"));
            // Second: resumes after Last-Event-ID (event 2 again, as a server that repeats would), 3, then the end.
            var second = await listener.GetContextAsync();
            lastEventIds.Add(second.Request.Headers["Last-Event-ID"]);
            await WriteAsync(second, Event(2, "node_scheduled") + Event(3, "run_succeeded") + "event: end\ndata: {\"runId\":\"r\",\"status\":\"succeeded\"}\n\n");
        });
        using var api = new ApiClient(new Uri($"http://127.0.0.1:{port}/"), "key");
        var seen = new List<long>();

        var end = await new EventStreamFollower(api, TimeSpan.FromMilliseconds(50)).FollowAsync("r", 0, ev =>
        {
            seen.Add(ev["seq"]!.GetValue<long>());
            return Task.CompletedTask;
        }).WaitAsync(TimeSpan.FromMinutes(1));
        await server.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal([1L, 2L, 3L], seen);
        Assert.Equal("succeeded", end["status"]!.GetValue<string>());
        Assert.Equal([null, "2"], lastEventIds);
    }

    private static string Event(long seq, string type) =>
        $"event: {type}\nid: {seq}\ndata: {new JsonObject { ["seq"] = seq, ["type"] = type }.ToJsonString()}\n\n";

    private static async Task WriteAsync(HttpListenerContext context, string body)
    {
        context.Response.ContentType = "text/event-stream";
        var bytes = Encoding.UTF8.GetBytes(body);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
