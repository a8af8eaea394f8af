using AgentFunctions.Core.Storage;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// A crash (SIGKILL) of the standalone host while a fan-out is in flight loses nothing: after a restart the run completes,
/// and no node whose result was recorded before the crash runs its tool again.
/// </summary>
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
    public async Task KillWhileAFanOutIsInFlight_RestartedHostCompletesTheRun_AndNoRecordedNodeRunsAgain()
    {
        var app = _app!;
        var yaml = "name: crash\nnodes:\n" + ShellNode("root", "[]", "0.1")
            + ShellNode("fast1", "root", "0.1") + ShellNode("fast2", "root", "0.1") + ShellNode("fast3", "root", "0.1")
            + ShellNode("slow1", "root", "6") + ShellNode("slow2", "root", "6")
            + ShellNode("join", "[fast1, fast2, fast3, slow1, slow2]", "0.1");
        var runId = await app.SubmitAsync(new { graphYaml = yaml });

        // Wait until the fast branches have results and a slow one is running, then crash the process.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var nodes = GitToProdDemoTests.Nodes(await app.GetRunAsync(runId));
            var done = nodes.Values.Count(n => n["status"]!.GetValue<string>() == "succeeded");
            if (done >= 4 && nodes["slow1"]["status"]!.GetValue<string>() == "running")
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Never reached the kill point: {string.Join(", ", nodes.Values.Select(n => $"{n["id"]}={n["status"]}"))}");
            await Task.Delay(50);
        }

        await app.KillAppAsync();
        var recorded = await RecordedAsync(app.Storage, runId);
        Assert.Contains("root", recorded);
        await app.StartAppAsync();
        var (run, _) = await app.WaitForEndAsync(runId, TimeSpan.FromSeconds(120));

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var executions = (await File.ReadAllLinesAsync(_log)).Select(l => l.Split(' ')[0]).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        foreach (var node in recorded)
        {
            Assert.True(executions[node] == 1, $"Node {node}'s result was recorded before the crash, but its tool ran {executions[node]} times.");
        }

        Assert.Equal(1, executions["join"]);
        Assert.InRange(executions["slow1"], 1, 2); // running when the process died: it runs again, at least once
        var events = await app.GetEventsAsync(runId);
        foreach (var node in new[] { "root", "fast1", "fast2", "fast3", "slow1", "slow2", "join" })
        {
            Assert.Single(events, e => e["type"]!.GetValue<string>() == "node_succeeded" && e["nodeId"]!.GetValue<string>() == node);
        }
    }

    // The nodes whose attempt rows hold a result: what a redelivered activity returns instead of running the tool again.
    private static async Task<HashSet<string>> RecordedAsync(StorageClients storage, string runId)
    {
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in storage.Tables.GetTableClient("Runs").QueryPrefixAsync(runId, "attempt|"))
        {
            if (row.ContainsKey("Result") || row.ContainsKey("ResultRef"))
            {
                recorded.Add(row.GetString("NodeId"));
            }
        }

        return recorded;
    }
}
