using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>A crash (SIGKILL) mid-run loses nothing: after a restart the run completes and completed nodes never run again.</summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private AppHarness? _app;
    private readonly string _log = Path.Combine(Path.GetTempPath(), $"agentfunctions-crash-{Guid.NewGuid():N}.log");

    public async Task InitializeAsync() => _app = await AppHarness.StartAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        File.Delete(_log);
    }

    /// <summary>A shell node that logs "node attempt" to the shared log, then sleeps.</summary>
    private string ShellNode(string node, string needs, string sleep) =>
        $"  {node}:\n    tool: shell\n    needs: {needs}\n    with: {{ command: 'echo $AF_NODE_ID $AF_ATTEMPT >> {_log}; sleep {sleep}' }}\n";

    [Fact]
    public async Task KillMidRun_RestartedAppCompletesTheRun_AndNoCompletedNodeRunsAgain()
    {
        var app = _app!;
        var yaml = "name: crash\nnodes:\n" + ShellNode("a", "[]", "0.2") + ShellNode("b", "a", "4") + ShellNode("c", "a", "0.2") + ShellNode("d", "[b, c]", "0.2");
        var runId = await app.SubmitAsync(new { graphYaml = yaml });

        // Wait until a and c have completed and b is running, then crash the process.
        HashSet<string> completedBeforeKill;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var nodes = GitToProdDemoTests.Nodes(await app.GetRunAsync(runId));
            completedBeforeKill = [.. nodes.Values.Where(n => n["status"]!.GetValue<string>() == "succeeded").Select(n => n["id"]!.GetValue<string>())];
            if (completedBeforeKill.SetEquals(["a", "c"]) && nodes["b"]["status"]!.GetValue<string>() == "running")
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Never reached the kill point: {string.Join(", ", nodes.Values.Select(n => $"{n["id"]}={n["status"]}"))}");
            await Task.Delay(50);
        }

        await app.KillAppAsync();
        await app.StartAppAsync();
        var (run, _) = await app.WaitForEndAsync(runId, TimeSpan.FromSeconds(90));

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var executions = (await File.ReadAllLinesAsync(_log)).Select(l => l.Split(' ')[0]).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        foreach (var node in completedBeforeKill)
        {
            Assert.True(executions[node] == 1, $"Node {node} had completed before the crash but ran {executions[node]} times.");
        }

        Assert.Equal(1, executions["d"]);
        Assert.InRange(executions["b"], 1, 2); // b was running when the process died: it may run again, at least once
        var events = await app.GetEventsAsync(runId);
        foreach (var node in new[] { "a", "b", "c", "d" })
        {
            Assert.Single(events, e => e["type"]!.GetValue<string>() == "node_succeeded" && e["nodeId"]!.GetValue<string>() == node);
        }
    }
}
