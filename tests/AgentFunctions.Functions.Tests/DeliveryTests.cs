using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>Standalone delivery guarantees: leases are renewed while a node runs; a message that keeps failing ends in the poison queue and the run says why.</summary>
[Collection(AppCollection.Name)]
public sealed class DeliveryTests(AppFixture fixture)
{
    private readonly AppHarness _app = fixture.Harness;

    [Fact]
    public async Task LongRunningNode_OutlivesTheVisibilityTimeout_AndRunsOnce()
    {
        // The harness sets a 5 s visibility timeout; without renewal this work item would be delivered again mid-run.
        var log = Path.Combine(_app.WorkRoot, $"long-{Guid.NewGuid():N}.log");
        var yaml = $"name: long\nnodes:\n  slow:\n    tool: shell\n    with: {{ command: 'echo run >> {log}; sleep 8' }}\n";

        var runId = await _app.SubmitAsync(new { graphYaml = yaml });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Single(await File.ReadAllLinesAsync(log));
    }

    [Fact]
    public async Task OrchestratorMessageThatKeepsFailing_IsDeadLetteredAfterMaxDeliveries_AndTheRunFailsWithTheReason()
    {
        // A run.start whose stored graph cannot be parsed fails on every delivery (not malformed JSON, so it is retried).
        var runId = $"poison-{Guid.NewGuid():N}"[..20];
        var message = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["kind"] = "run.start",
            ["runId"] = runId,
            ["run"] = new JsonObject
            {
                ["runId"] = runId, ["graphName"] = "broken", ["graphYaml"] = "nodes: [", ["graphHash"] = Guid.NewGuid().ToString("N"),
                ["inputs"] = new JsonObject(), ["createdAt"] = DateTimeOffset.UtcNow, ["source"] = "queue",
            },
        };

        await _app.Storage.GetQueueClient("orchestrator").SendMessageAsync(message.ToJsonString());
        var poison = await QueueTriggerTests.WaitForPoisonAsync(_app.Storage, "orchestrator", m => m["message"]!.GetValue<string>().Contains(runId, StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        Assert.Equal(3, poison["dequeueCount"]!.GetValue<int>());
        Assert.Contains("Failed on delivery 3 of 3", poison["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var run = await _app.GetRunAsync(runId);
        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("no longer validates", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
