using AgentFunctions.Core.Orchestration;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>The whole scheduler (queues, orchestrator, workers, real shell tool) on the in-memory store, pumped by the test.</summary>
public sealed class InMemorySchedulerTests : IDisposable
{
    private readonly InMemoryScheduler _scheduler = new();

    public void Dispose() => _scheduler.Dispose();

    private string Log => Path.Combine(_scheduler.Work, "executions.log");

    private string Graph => "name: diamond\nnodes:\n"
        + Shell("a", "[]") + Shell("b", "a") + Shell("c", "a") + Shell("d", "[b, c]");

    private string Shell(string id, string needs) =>
        $"  {id}:\n    tool: shell\n    needs: {needs}\n    with: {{ command: 'echo $AF_NODE_ID >> {Log}' }}\n";

    private Task<RunView> RunAsync(bool duplicate, int hosts = 1) => _scheduler.RunAsync(Graph, duplicate: duplicate, hosts: hosts);

    [Fact]
    public async Task Run_DiamondGraph_SucceedsWithEveryNodeRunOnce()
    {
        var run = await RunAsync(duplicate: false);

        Assert.Equal("succeeded", run.Status);
        Assert.All(run.Nodes, n => Assert.Equal("succeeded", n.Status));
        Assert.Equal(["a", "b", "c", "d"], (await File.ReadAllLinesAsync(Log)).Order());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_OrchestratorMessagesSharedByThreeProcesses_StaleCachesNeverLoseACompletion(bool duplicate)
    {
        // Each orchestrator caches the run as it last committed it; the next step of the run usually lands on another one,
        // whose cache is stale (e.g. still has b and c pending when their completions arrive).
        var run = await RunAsync(duplicate, hosts: 3);
        var events = await _scheduler.EventsAsync(run.RunId);

        Assert.Equal("succeeded", run.Status);
        Assert.All(run.Nodes, n => Assert.Equal(("succeeded", 1), (n.Status, n.Attempt)));
        Assert.Equal(["a", "b", "c", "d"], (await File.ReadAllLinesAsync(Log)).Order());
        Assert.Equal(4, events.Count(e => e.Type == "node_succeeded"));
    }

    [Fact]
    public async Task Run_EveryMessageDeliveredTwice_SameFinalStateAndEachNodeRunOnce()
    {
        var run = await RunAsync(duplicate: true);
        var events = await _scheduler.EventsAsync(run.RunId);

        Assert.Equal("succeeded", run.Status);
        Assert.All(run.Nodes, n => Assert.Equal(("succeeded", 1), (n.Status, n.Attempt)));
        Assert.Equal(["a", "b", "c", "d"], (await File.ReadAllLinesAsync(Log)).Order());
        Assert.Equal(4, events.Count(e => e.Type == "node_succeeded"));
        Assert.Single(events, e => e.Type == "run_succeeded");
    }

    [Fact]
    public async Task Run_NoopFanOutWithoutArguments_EveryNodeSucceedsWithEmptyOutput()
    {
        var yaml = "name: noops\nnodes:\n  root:\n    tool: noop\n  left:\n    tool: noop\n    needs: root\n"
            + "  right:\n    tool: noop\n    needs: root\n  join:\n    tool: noop\n    needs: [left, right]\n";
        var run = await _scheduler.RunAsync(yaml);
        Assert.Equal("succeeded", run.Status);
        Assert.All(run.Nodes, n => Assert.Equal(("succeeded", "{}"), (n.Status, n.Output!.ToJsonString())));
    }

    [Fact]
    public async Task Run_NodeOutput_IsReadableByDownstreamExpressions()
    {
        var yaml = "name: chain\nnodes:\n  first:\n    tool: shell\n    with: { command: 'echo forty-two' }\n"
            + "  second:\n    tool: shell\n    needs: first\n    with: { command: 'echo got ${{ nodes.first.output.output }}' }\n";
        var run = await _scheduler.RunAsync(yaml, inputs: []);
        Assert.Contains("got forty-two", run.Nodes.Single(n => n.Id == "second").Output!["output"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
