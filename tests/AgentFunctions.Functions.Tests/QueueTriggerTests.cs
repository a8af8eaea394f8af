using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>Queue functions on the standalone host: run requests from other services, and dead letters with their reasons on each of our queues.</summary>
[Collection(AppCollection.Name)]
public sealed class QueueTriggerTests(AppFixture fixture)
{
    private readonly AppHarness _app = fixture.Harness;

    [Theory]
    [InlineData("run-requests", "this is not json")]
    [InlineData("run-requests", "{\"graph\": 12}")]
    [InlineData("corrections", "{\"schemaVersion\":1,\"kind\":\"correction.bogus\"}")]
    [InlineData("validations", "[1, 2, 3]")]
    public async Task MalformedMessage_IsDeadLetteredWithTheReason_AndTheAppKeepsServing(string queue, string text)
    {
        var marker = Guid.NewGuid().ToString("N");
        var body = text.StartsWith('{') ? text.Insert(1, $"\"marker\":\"{marker}\",") : $"{text} {marker}";

        await _app.Storage.Queues.GetQueueClient(queue).SendMessageAsync(body);
        var poison = await PoisonQueues.WaitAsync(_app.Storage, queue, m => m["message"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        Assert.Equal(queue, poison["queue"]!.GetValue<string>());
        Assert.StartsWith("Malformed message:", poison["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(body, poison["message"]!.GetValue<string>());
        using var health = await _app.Http.GetAsync("api/health");
        Assert.True(health.IsSuccessStatusCode);
    }

    [Fact]
    public async Task MessageThatIsNotBase64_IsDeadLetteredWithTheReason()
    {
        var marker = Guid.NewGuid().ToString("N");
        var raw = new Azure.Storage.Queues.QueueClient(_app.Azurite.ConnectionString, "run-requests", new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.None });

        await raw.SendMessageAsync($"plain text, not base64 {marker}!");
        var poison = await PoisonQueues.WaitAsync(_app.Storage, "run-requests", m => m["message"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        Assert.Contains("not base64", poison["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunRequestQueue_InvalidGraph_IsDeadLetteredWithTheValidationErrors()
    {
        var marker = Guid.NewGuid().ToString("N");
        await _app.Storage.Queues.GetQueueClient("run-requests").SendMessageAsync($"{{\"graph\":\"missing-{marker}\"}}");

        var poison = await PoisonQueues.WaitAsync(_app.Storage, "run-requests", m => m["message"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        Assert.Contains($"Graph 'missing-{marker}' does not exist", poison["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunRequestQueue_GraphNested20000Levels_IsDeadLetteredAndTheHostSurvives()
    {
        // 20,000 levels: as deep as fits a queue message (48 KiB of text); it overflowed the stack of every host that received it.
        var marker = Guid.NewGuid().ToString("N");
        var yaml = $"name: deep-{marker}\nnodes:\n  a: " + new string('[', 20_000) + new string(']', 20_000) + "\n";
        await _app.Storage.Queues.GetQueueClient("run-requests").SendMessageAsync(new JsonObject { ["graphYaml"] = yaml, ["marker"] = marker }.ToJsonString());

        var poison = await PoisonQueues.WaitAsync(_app.Storage, "run-requests", m => m["message"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        Assert.Contains("graph is invalid", poison["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        using var health = await _app.Http.GetAsync("api/health");
        Assert.True(health.IsSuccessStatusCode);
        Assert.False(_app.App.HasExited);
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

        await _app.Storage.Queues.GetQueueClient("run-requests").SendMessageAsync(request.ToJsonString());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await _app.Http.GetAsync($"api/runs/{runId}")).StatusCode == System.Net.HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal("queue", run["source"]!.GetValue<string>());
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
        Assert.Contains("exited with code 3", boom["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("skipped", GitToProdDemoTests.Nodes(run)["after"]["status"]!.GetValue<string>());
        var retry = Assert.Single(events, e => e["type"]!.GetValue<string>() == "node_retry_scheduled");
        Assert.Single(events, e => e["type"]!.GetValue<string>() == "node_failed");

        // The back-off is a durable timer: the second attempt starts no earlier than 1 s after the retry was scheduled.
        Assert.Equal(1000, retry["data"]!["delay_ms"]!.GetValue<long>());
        var waited = boom["startedAt"]!.GetValue<DateTimeOffset>() - retry["at"]!.GetValue<DateTimeOffset>();
        Assert.True(waited >= TimeSpan.FromMilliseconds(900), $"the retry started {waited.TotalMilliseconds} ms after it was scheduled");
    }
}
