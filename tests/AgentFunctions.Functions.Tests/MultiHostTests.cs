using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// Three standalone hosts share one Azurite's queues and tables. One is killed with SIGKILL while it runs nodes and is
/// started again: every run completes, none is lost, and every node's completion is accepted exactly once. Each shell
/// node logs its host's process id when it starts and ends, which proves the killed host had work in flight.
/// </summary>
public sealed class MultiHostTests : IAsyncLifetime
{
    private const int Runs = 5;
    private const int Width = 6;
    private readonly string _log = Path.Combine(Path.GetTempPath(), $"agentfunctions-hosts-{Guid.NewGuid():N}.log");
    private AppHarness? _app;

    public async Task InitializeAsync() => _app = await AppHarness.StartAsync(new Dictionary<string, string> { ["Standalone__MaxConcurrentWorkItems"] = "4" });

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        File.Delete(_log);
    }

    private string Node(string id, string needs, string sleep) =>
        $"  {id}:\n    tool: shell\n    needs: {needs}\n    with: {{ command: 'echo start $PPID $AF_RUN_ID $AF_NODE_ID $AF_ATTEMPT >> {_log}; sleep {sleep}; echo end $PPID $AF_RUN_ID $AF_NODE_ID $AF_ATTEMPT >> {_log}' }}\n";

    private string Graph() =>
        "name: hosts\nnodes:\n" + Node("root", "[]", "0.1")
        + string.Concat(Enumerable.Range(1, Width).Select(i => Node($"w{i}", "root", "3")))
        + Node("join", $"[{string.Join(", ", Enumerable.Range(1, Width).Select(i => $"w{i}"))}]", "0.1");

    private IReadOnlyList<string[]> LogLines() =>
        File.Exists(_log) ? [.. File.ReadAllLines(_log).Select(l => l.Split(' '))] : [];

    [Fact]
    public async Task ThreeHosts_OneKilledMidRunAndRestarted_AllRunsCompleteAndNoCompletionIsAcceptedTwice()
    {
        var app = _app!;
        var hosts = new List<AppProcess> { app.App, await app.StartExtraAppAsync(), await app.StartExtraAppAsync() };
        var runIds = new List<string>();
        for (var i = 0; i < Runs; i++)
        {
            runIds.Add(await app.SubmitAsync(new { graphYaml = Graph() }));
        }

        // Kill the second host while at least one of its fan-out nodes (3 s each) has started and not ended.
        var victim = hosts[1];
        var pid = victim.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var lines = LogLines().Where(l => l[1] == pid && l[3].StartsWith('w')).ToList();
            var inFlight = lines.Count(l => l[0] == "start") - lines.Count(l => l[0] == "end");
            if (inFlight > 0)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the second host never started a node");
            await Task.Delay(50);
        }

        await victim.KillAsync();
        var interrupted = LogLines().Where(l => l[1] == pid).GroupBy(l => string.Join(' ', l[2..])).Where(g => g.All(l => l[0] == "start")).Select(g => g.Key).ToList();
        Assert.NotEmpty(interrupted);
        await app.StartExtraAppAsync();

        foreach (var runId in runIds)
        {
            var (run, _) = await app.WaitForEndAsync(runId, TimeSpan.FromSeconds(120));
            Assert.True(run["status"]!.GetValue<string>() == "succeeded", run.ToJsonString());
            var events = await app.GetEventsAsync(runId);
            var succeeded = events.Where(e => e["type"]!.GetValue<string>() == "node_succeeded").GroupBy(e => e["nodeId"]!.GetValue<string>()).ToList();
            Assert.Equal(Width + 2, succeeded.Count);
            Assert.All(succeeded, g => Assert.True(g.Count() == 1, $"{runId}/{g.Key} was accepted {g.Count()} times"));
            Assert.All(GitToProdDemoTests.Nodes(run).Values, n => Assert.Equal("succeeded", n["status"]!.GetValue<string>()));
        }

        // Every node the killed host had started ran again elsewhere and ended there.
        var ended = LogLines().Where(l => l[0] == "end").Select(l => string.Join(' ', l[2..4])).ToHashSet();
        Assert.All(interrupted, key => Assert.Contains(string.Join(' ', key.Split(' ')[..2]), ended));
        Assert.True(LogLines().Select(l => l[1]).Distinct().Count() >= 3, "the work was not shared by the hosts");
    }
}
