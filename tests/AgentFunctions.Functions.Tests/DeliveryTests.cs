using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>Delivery on the Durable Task Framework's Azure Storage backend: the lease of a running node's activity is renewed, so it runs once.</summary>
[Collection(AppCollection.Name)]
public sealed class DeliveryTests(AppFixture fixture)
{
    private readonly AppHarness _app = fixture.Harness;

    [Fact]
    public async Task LongRunningNode_OutlivesTheVisibilityTimeout_AndRunsOnce()
    {
        // The harness sets a 20 s visibility timeout on the task hub's work-item queue; without renewal this activity would
        // be delivered again while it still runs.
        var log = Path.Combine(_app.WorkRoot, $"long-{Guid.NewGuid():N}.log");
        var yaml = $"name: long\nnodes:\n  slow:\n    tool: shell\n    with: {{ command: 'echo run >> {log}; sleep 26' }}\n";

        var runId = await _app.SubmitAsync(new { graphYaml = yaml });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Single(await File.ReadAllLinesAsync(log));
    }
}
