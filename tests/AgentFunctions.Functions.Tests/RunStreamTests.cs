using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>The run list and the server-sent event streams on the real app (Azurite, standalone host, HTTP).</summary>
[Collection(AppCollection.Name)]
public sealed class RunStreamTests(AppFixture fixture)
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(120);

    private AppHarness App => fixture.Harness;

    private static string GatedGraph(string name) =>
        $"name: {name}\nnodes:\n  build:\n    tool: shell\n    with: {{ command: 'echo built' }}\n  deploy:\n    tool: shell\n    needs: build\n    approval: required\n    with: {{ command: 'echo deployed' }}\n";

    [Fact]
    public async Task EventStream_ReconnectWithLastEventId_WhileTheRunGoesOn_LosesAndRepeatsNoEvent()
    {
        var runId = await App.SubmitAsync(new { graphYaml = GatedGraph("sse-gated") });
        var seen = new List<SseItem<string>>();

        // First connection: read until the run asks for approval, then drop the connection.
        using (var http = App.App.CreateClient(StreamTimeout))
        using (var cts = new CancellationTokenSource(StreamTimeout))
        {
            using var response = await OpenAsync(http, $"api/runs/{runId}/events/stream", null, cts.Token);
            await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(cts.Token)).EnumerateAsync(cts.Token))
            {
                Assert.NotEqual("end", item.EventType);
                if (item.EventType != "heartbeat")
                {
                    seen.Add(item);
                }

                if (item.EventType == "approval_requested")
                {
                    break;
                }
            }
        }

        // While nobody listens, the run is approved and finishes: its remaining events are recorded meanwhile.
        using (var approve = await App.Http.PostAsJsonAsync($"api/runs/{runId}/approvals", new { approved = true, by = "tester" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        }

        await App.WaitForEndAsync(runId, TimeSpan.FromSeconds(90));
        var lastId = seen[^1].EventId;
        var firstCount = seen.Count;
        string? endStatus = null;
        using (var http = App.App.CreateClient(StreamTimeout))
        using (var cts = new CancellationTokenSource(StreamTimeout))
        {
            using var response = await OpenAsync(http, $"api/runs/{runId}/events/stream", lastId, cts.Token);
            await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(cts.Token)).EnumerateAsync(cts.Token))
            {
                if (item.EventType == "end")
                {
                    Assert.Null(item.EventId);
                    endStatus = JsonNode.Parse(item.Data)!["status"]!.GetValue<string>();
                }
                else if (item.EventType != "heartbeat")
                {
                    seen.Add(item);
                }
            }
        }

        Assert.Equal("succeeded", endStatus);
        Assert.True(seen.Count > firstCount, "the second connection got no events");
        var recorded = await App.GetEventsAsync(runId);
        Assert.Equal(recorded.Select(e => e["seq"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture)), seen.Select(s => s.EventId));
        Assert.Equal(recorded.Select(e => e["type"]!.GetValue<string>()), seen.Select(s => s.EventType));
        foreach (var (item, e) in seen.Zip(recorded))
        {
            var data = JsonNode.Parse(item.Data)!.AsObject();
            Assert.Equal(e["seq"]!.GetValue<long>(), data["seq"]!.GetValue<long>());
            Assert.Equal(e["type"]!.GetValue<string>(), data["type"]!.GetValue<string>());
            Assert.Equal(e["nodeId"]?.GetValue<string>(), data["nodeId"]?.GetValue<string>());
        }

        Assert.Contains(seen, s => s.EventType == "approval_granted");
        Assert.Equal("run_succeeded", seen[^1].EventType);
    }

    [Fact]
    public async Task EventStream_OfAnEndedRun_ResumesAfterEverySequenceNumber_AndEnds()
    {
        var runId = await App.SubmitAsync(new { graphYaml = "name: sse-ended\nnodes:\n  a:\n    tool: shell\n    with: { command: 'echo a' }\n  b:\n    tool: shell\n    needs: a\n    with: { command: 'echo b' }\n" });
        await App.WaitForEndAsync(runId, TimeSpan.FromSeconds(90));
        var all = (await App.GetEventsAsync(runId)).Select(e => e["seq"]!.GetValue<long>()).ToList();
        Assert.True(all.Count >= 4, $"expected several events, got {all.Count}");
        foreach (var after in new long[] { 0, 1, all.Count / 2, all[^1] })
        {
            var (ids, end) = await ReadToEndAsync($"api/runs/{runId}/events/stream", after == 0 ? null : after.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(all.Where(s => s > after), ids);
            Assert.Equal("succeeded", end);
        }

        // ?after= works like Last-Event-ID (for clients that cannot set headers), and the header wins.
        Assert.Equal(all.Skip(2), (await ReadToEndAsync($"api/runs/{runId}/events/stream?after=2", null)).Ids);
        Assert.Equal(all.Skip(3), (await ReadToEndAsync($"api/runs/{runId}/events/stream?after=1", "3")).Ids);
    }

    [Fact]
    public async Task EventStream_SendsHeartbeatsWithoutIds_WhileTheRunWaits()
    {
        var runId = await App.SubmitAsync(new { graphYaml = GatedGraph("sse-heartbeat") });
        using var http = App.App.CreateClient(StreamTimeout);
        using var cts = new CancellationTokenSource(StreamTimeout);
        using var response = await OpenAsync(http, $"api/runs/{runId}/events/stream?heartbeat=1", null, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var heartbeats = 0;
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(cts.Token)).EnumerateAsync(cts.Token))
        {
            if (item.EventType == "heartbeat")
            {
                Assert.Null(item.EventId);
                var data = JsonNode.Parse(item.Data)!;
                Assert.Equal(runId, data["runId"]!.GetValue<string>());
                Assert.Contains(data["status"]!.GetValue<string>(), new[] { "pending", "running", "awaiting_approval" });
                if (++heartbeats == 2)
                {
                    break;
                }
            }
        }

        Assert.Equal(2, heartbeats);
        using var cancel = await App.Http.PostAsJsonAsync($"api/runs/{runId}/cancel", new { by = "tester" });
        Assert.True(cancel.IsSuccessStatusCode);
    }

    [Fact]
    public async Task EventStream_BadRequests_AreProblemDetails()
    {
        using var missing = await App.Http.GetAsync("api/runs/no-such-run/events/stream");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        var runId = await App.SubmitAsync(new { graphYaml = "name: sse-bad\nnodes:\n  a:\n    tool: shell\n    with: { command: 'echo a' }\n" });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/runs/{runId}/events/stream");
        request.Headers.Add("Last-Event-ID", "seven");
        using var badCursor = await App.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Contains("Last-Event-ID", await badCursor.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var badHeartbeat = await App.Http.GetAsync($"api/runs/{runId}/events/stream?heartbeat=0");
        Assert.Equal(HttpStatusCode.BadRequest, badHeartbeat.StatusCode);

        using var anonymous = new HttpClient { BaseAddress = App.App.BaseAddress };
        using var noKey = await anonymous.GetAsync($"api/runs/{runId}/events/stream");
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task RunList_FiltersAndSearches_AndTheRunStreamReportsStatusChanges()
    {
        var graph = "list-" + Guid.NewGuid().ToString("N")[..8];
        var done = await App.SubmitAsync(new { graphYaml = $"name: {graph}\nnodes:\n  a:\n    tool: shell\n    with: {{ command: 'echo a' }}\n" });
        await App.WaitForEndAsync(done, TimeSpan.FromSeconds(90));
        var gated = await App.SubmitAsync(new { graphYaml = GatedGraph(graph) });

        using var http = App.App.CreateClient(StreamTimeout);
        using var cts = new CancellationTokenSource(StreamTimeout);
        using var response = await OpenAsync(http, $"api/runs/stream?graph={graph}&heartbeat=5", null, cts.Token);
        var statuses = new Dictionary<string, List<string>>();
        var approved = false;
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(cts.Token)).EnumerateAsync(cts.Token))
        {
            if (item.EventType != "run")
            {
                continue;
            }

            var run = JsonNode.Parse(item.Data)!;
            Assert.Equal(graph, run["graph"]!.GetValue<string>());
            var id = run["runId"]!.GetValue<string>();
            var list = statuses.TryGetValue(id, out var l) ? l : statuses[id] = [];
            list.Add(run["status"]!.GetValue<string>());
            if (id == gated && list[^1] == "awaiting_approval" && !approved)
            {
                approved = true;
                using var approve = await App.Http.PostAsJsonAsync($"api/runs/{gated}/approvals", new { approved = true });
                Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
            }

            if (id == gated && list[^1] == "succeeded")
            {
                break;
            }
        }

        Assert.Equal(["succeeded"], statuses[done]);
        Assert.Contains("awaiting_approval", statuses[gated]);
        Assert.Equal("succeeded", statuses[gated][^1]);
        Assert.All(statuses[gated].Zip(statuses[gated].Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second)); // an event per change, none repeated

        var listed = (await App.Http.GetFromJsonAsync<JsonObject>($"api/runs?graph={graph}"))!["runs"]!.AsArray();
        Assert.Equal([gated, done], listed.Select(r => r!["runId"]!.GetValue<string>())); // newest first
        Assert.All(listed, r => Assert.True(r!["durationMs"]!.GetValue<long>() >= 0));
        var searched = (await App.Http.GetFromJsonAsync<JsonObject>($"api/runs?q={gated[^6..].ToUpperInvariant()}&status=succeeded"))!["runs"]!.AsArray();
        Assert.Contains(searched, r => r!["runId"]!.GetValue<string>() == gated);
        Assert.DoesNotContain(searched, r => r!["runId"]!.GetValue<string>() == done);
        var one = (await App.Http.GetFromJsonAsync<JsonObject>($"api/runs?graph={graph}&limit=1"))!["runs"]!.AsArray();
        Assert.Single(one);

        using var badStatus = await App.Http.GetAsync("api/runs?status=done");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("'status' must be one of", await badStatus.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var badLimit = await App.Http.GetAsync("api/runs?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient http, string path, string? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return response;
    }

    private async Task<(List<long> Ids, string? End)> ReadToEndAsync(string path, string? lastEventId)
    {
        using var http = App.App.CreateClient(StreamTimeout);
        using var cts = new CancellationTokenSource(StreamTimeout);
        using var response = await OpenAsync(http, path, lastEventId, cts.Token);
        var ids = new List<long>();
        string? end = null;
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(cts.Token)).EnumerateAsync(cts.Token))
        {
            if (item.EventType == "end")
            {
                end = JsonNode.Parse(item.Data)!["status"]!.GetValue<string>();
            }
            else if (item.EventId is { } id)
            {
                ids.Add(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return (ids, end);
    }
}
