using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Storage;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>Queue triggers in standalone mode: run requests from other services, dead-lettering with reasons, failing nodes.</summary>
[Collection(AppCollection.Name)]
public sealed class QueueTriggerTests(AppFixture fixture)
{
    private readonly AppHarness _app = fixture.Harness;

    internal static async Task<JsonObject> WaitForPoisonAsync(IStorageAccount storage, string queue, Func<JsonObject, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var message in await storage.GetQueueClient(queue + "-poison").PeekMessagesAsync(32))
            {
                var json = JsonNode.Parse(message.MessageText)!.AsObject();
                if (match(json))
                {
                    return json;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No matching message arrived on {queue}-poison.");
    }

    [Theory]
    [InlineData("work-items", "this is not json")]
    [InlineData("orchestrator", "{\"schemaVersion\":1,\"kind\":\"node.completed\",\"runId\":\"r\"}")]
    [InlineData("run-requests", "{\"graph\": 12}")]
    public async Task MalformedMessage_IsDeadLetteredWithReason_AndTheAppKeepsServing(string queue, string text)
    {
        var marker = Guid.NewGuid().ToString("N");
        var body = text.StartsWith('{') ? text.Insert(1, $"\"marker\":\"{marker}\",") : $"{text} {marker}";

        await _app.Storage.GetQueueClient(queue).SendMessageAsync(body);
        var poison = await WaitForPoisonAsync(_app.Storage, queue, m => m["message"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.Equal(queue, poison["queue"]!.GetValue<string>());
        Assert.StartsWith("Malformed message:", poison["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(body, poison["message"]!.GetValue<string>());
        using var health = await _app.Http.GetAsync("api/health");
        Assert.True(health.IsSuccessStatusCode);
    }

    [Fact]
    public async Task RunRequestQueue_InvalidGraph_IsDeadLetteredWithTheValidationErrors()
    {
        var marker = Guid.NewGuid().ToString("N");
        await _app.Storage.GetQueueClient("run-requests").SendMessageAsync($"{{\"graph\":\"missing-{marker}\"}}");

        var poison = await WaitForPoisonAsync(_app.Storage, "run-requests", m => m["message"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.Contains($"Graph 'missing-{marker}' does not exist", poison["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunRequestQueue_ValidRequest_StartsARunThatCompletes()
    {
        var runId = $"from-queue-{Guid.NewGuid():N}"[..24];
        var request = new JsonObject
        {
            ["runId"] = runId,
            ["graphYaml"] = "name: queued\nnodes:\n  hello:\n    tool: shell\n    with: { command: 'echo hello from the queue' }\n",
        };

        await _app.Storage.GetQueueClient("run-requests").SendMessageAsync(request.ToJsonString());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await _app.Http.GetAsync($"api/runs/{runId}")).StatusCode == System.Net.HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Contains("hello from the queue", GitToProdDemoTests.Nodes(run)["hello"]["output"]!["output"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingNode_IsRetriedPerPolicyThenFailsTheRunWithTheErrorVisible()
    {
        var yaml = "name: flaky\nnodes:\n  boom:\n    tool: shell\n    retries: 1\n    with: { command: 'echo attempt $AF_ATTEMPT >&2; exit 3' }\n  after:\n    tool: shell\n    needs: boom\n    with: { command: 'true' }\n";

        var runId = await _app.SubmitAsync(new { graphYaml = yaml });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));
        var events = await _app.GetEventsAsync(runId);

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("Node 'boom' failed", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var boom = GitToProdDemoTests.Nodes(run)["boom"];
        Assert.Equal("failed", boom["status"]!.GetValue<string>());
        Assert.Equal(2, boom["attempt"]!.GetValue<int>());
        Assert.Equal("skipped", GitToProdDemoTests.Nodes(run)["after"]["status"]!.GetValue<string>());
        var retry = Assert.Single(events, e => e["type"]!.GetValue<string>() == "node_retry_scheduled");
        Assert.Single(events, e => e["type"]!.GetValue<string>() == "node_failed");

        // The back-off is a queue visibility delay: the second attempt starts no earlier than 1 s after the retry was scheduled.
        Assert.Equal(1000, retry["data"]!["delay_ms"]!.GetValue<long>());
        var waited = boom["startedAt"]!.GetValue<DateTimeOffset>() - retry["at"]!.GetValue<DateTimeOffset>();
        Assert.True(waited >= TimeSpan.FromMilliseconds(900), $"the retry started {waited.TotalMilliseconds} ms after it was scheduled");
    }

    [Fact]
    public async Task CustomHandlerEndpoint_AcceptsTheHostPayloadAndAnswersOutputsLogsReturnValue()
    {
        var runId = $"host-{Guid.NewGuid():N}"[..20];
        var request = new JsonObject { ["runId"] = runId, ["graphYaml"] = "name: via-host\nnodes:\n  a:\n    tool: shell\n    with: { command: 'true' }\n" };
        var payload = new JsonObject
        {
            // The host may JSON-encode a string trigger value twice; send it that way to prove both forms work.
            ["Data"] = new JsonObject { ["message"] = JsonValue.Create(request.ToJsonString()).ToJsonString() },
            ["Metadata"] = new JsonObject { ["Id"] = Guid.NewGuid().ToString(), ["DequeueCount"] = 1 },
        };

        using var response = await _app.Http.PostAsJsonAsync("RunRequests", payload);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        Assert.NotNull(body["Outputs"]);
        Assert.Contains("Handled message", body["Logs"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CustomHandlerEndpoint_MalformedWorkItem_IsDeadLetteredAndAnswers200()
    {
        var marker = Guid.NewGuid().ToString("N");
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = $"garbage {marker}" },
            ["Metadata"] = new JsonObject { ["Id"] = marker, ["DequeueCount"] = 1 },
        };

        using var response = await _app.Http.PostAsJsonAsync("WorkItems", payload);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("Dead-lettered", body["Logs"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var poison = await WaitForPoisonAsync(_app.Storage, "work-items", m => m["messageId"]!.GetValue<string>() == marker, TimeSpan.FromSeconds(10));
        Assert.StartsWith("Malformed message:", poison["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
