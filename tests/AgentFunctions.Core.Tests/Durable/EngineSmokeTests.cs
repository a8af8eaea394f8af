using AgentFunctions.TestSupport.Engine;

namespace AgentFunctions.Core.Tests.Durable;

public sealed class EngineSmokeTests
{
    [Fact]
    public async Task Run_FanOutOfNoopNodes_SucceedsWithEveryNodeRecorded()
    {
        await using var engine = await EngineHost.StartAsync();
        var yaml = "name: fan\nnodes:\n  root: { tool: noop }\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"  w{i}: {{ tool: noop, needs: root }}\n"))
            + "  join:\n    tool: noop\n    needs: [" + string.Join(", ", Enumerable.Range(0, 20).Select(i => $"w{i}")) + "]\n";

        var run = await engine.RunAsync(yaml);

        Assert.Equal("succeeded", run.Status);
        Assert.All(run.Nodes, n => Assert.Equal("succeeded", n.Status));
        var events = await engine.EventsAsync(run.RunId);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal("run_succeeded", events[^1].Type);
    }
}
