using System.Globalization;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;
using AgentFunctions.TestSupport;
using Xunit.Abstractions;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// Three standalone hosts share one task hub while runs are in flight, and a random host is SIGKILLed and started again
/// every few seconds: every run succeeds and every node's result is recorded once (one <c>node_succeeded</c> event per
/// node, at the attempt the run record shows). The test command runs a small size; <c>scripts/chaos.sh</c> runs the full
/// one (20 runs of a 30-node graph, a kill every ~3 s for a minute) through the same test with
/// <c>AGENTFUNCTIONS_CHAOS_RUNS</c>, <c>_NODES</c>, <c>_NODE_SECONDS</c> (how long each worker node sleeps), <c>_SECONDS</c> and
/// <c>_KILL_EVERY_SECONDS</c>, and prints the figures.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly int _runs = Setting("RUNS", 6);
    private readonly int _nodes = Setting("NODES", 12);
    private readonly int _seconds = Setting("SECONDS", 20);
    private readonly int _killEvery = Setting("KILL_EVERY_SECONDS", 4);
    private readonly int _nodeSeconds = Setting("NODE_SECONDS", 2);
    private readonly string _log = Path.Combine(Path.GetTempPath(), $"agentfunctions-chaos-{Guid.NewGuid():N}.log");
    private AppHarness? _app;

    public async Task InitializeAsync() => _app = await AppHarness.StartAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        File.Delete(_log);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("AGENTFUNCTIONS_CHAOS_" + name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    // root → (nodes - 2) workers → join; each worker logs its host slot when it starts and ends.
    private string Graph()
    {
        string Node(string id, string needs, string sleep) =>
            $"  {id}:\n    tool: shell\n    retries: 2\n    needs: {needs}\n    with: {{ command: 'echo start $AGENTFUNCTIONS_TEST_HOST $AF_RUN_ID $AF_NODE_ID $AF_ATTEMPT >> {_log}; sleep {sleep}; echo end $AGENTFUNCTIONS_TEST_HOST $AF_RUN_ID $AF_NODE_ID $AF_ATTEMPT >> {_log}' }}\n";
        var workers = Enumerable.Range(1, _nodes - 2).Select(i => $"w{i}").ToList();
        return "name: chaos\nnodes:\n" + Node("root", "[]", "0.2") + string.Concat(workers.Select(w => Node(w, "root", _nodeSeconds.ToString(CultureInfo.InvariantCulture))))
            + Node("join", $"[{string.Join(", ", workers)}]", "0.2");
    }

    [Fact]
    public async Task ThreeHosts_RandomHostKilledAndRestartedEveryFewSeconds_EveryRunSucceedsAndEachNodeResultIsRecordedOnce()
    {
        var app = _app!;
        var hosts = new Dictionary<int, Task<AppProcess>> { [0] = Task.FromResult(app.App), [1] = app.StartExtraAppAsync(1), [2] = app.StartExtraAppAsync(2) };
        await Task.WhenAll(hosts.Values);
        var runIds = new List<string>();
        for (var i = 0; i < _runs; i++)
        {
            runIds.Add(await app.SubmitAsync(new { graphYaml = Graph() }));
        }

        // A kill every _killEvery seconds on a fixed timeline, for _seconds; the killed host is started again in the
        // background, so the next kill does not wait for it: it picks a random host among those that are up (and waits for
        // one only when all three are still starting).
        var random = new Random(20261201);
        var kills = 0;
        var started = DateTime.UtcNow;
        for (var next = started.AddSeconds(_killEvery); next - started <= TimeSpan.FromSeconds(_seconds); next = next.AddSeconds(_killEvery))
        {
            var wait = next - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            if (DateTime.UtcNow - started > TimeSpan.FromSeconds(_seconds))
            {
                break;
            }

            if (!hosts.Values.Any(h => h.IsCompleted))
            {
                await Task.WhenAny(hosts.Values);
            }

            var up = hosts.Where(h => h.Value.IsCompleted).Select(h => h.Key).ToList();
            var slot = up[random.Next(up.Count)];
            var host = await hosts[slot];
            await (slot == 0 ? app.KillAppAsync() : host.KillAsync());
            hosts[slot] = slot == 0 ? RestartMainAsync(app) : app.StartExtraAppAsync(slot);
            kills++;
        }

        var ended = DateTime.UtcNow;
        await Task.WhenAll(hosts.Values);
        DateTimeOffset? lastEnd = null;
        foreach (var runId in runIds)
        {
            var (run, _) = await app.WaitForEndAsync(runId, TimeSpan.FromMinutes(5));
            Assert.True(run["status"]!.GetValue<string>() == "succeeded", $"{runId}: {run.ToJsonString()}");
            var completed = run["completedAt"]!.GetValue<DateTimeOffset>();
            lastEnd = lastEnd is { } last && last > completed ? last : completed;
            var nodes = GitToProdDemoTests.Nodes(run);
            Assert.Equal(_nodes, nodes.Count);
            var events = await app.GetEventsAsync(runId);
            var succeeded = events.Where(e => e["type"]!.GetValue<string>() == "node_succeeded").GroupBy(e => e["nodeId"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var (id, node) in nodes)
            {
                Assert.True(node["status"]!.GetValue<string>() == "succeeded", $"{runId}/{id}: {node.ToJsonString()}; node_succeeded events: {succeeded.GetValueOrDefault(id)?.Count ?? 0}");
                var accepted = Assert.Single(succeeded[id]);
                Assert.Equal(node["attempt"]!.GetValue<int>(), accepted["data"]!["attempt"]!.GetValue<int>());
            }
        }

        var lines = File.ReadAllLines(_log).Select(l => l.Split(' ')).ToList();
        var executions = lines.Count(l => l[0] == "start");
        var interrupted = executions - lines.Count(l => l[0] == "end");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chaos: {_runs} runs × {_nodes} nodes ({_nodeSeconds} s each), {kills} SIGKILLs over {(ended - started).TotalSeconds:F0} s; all succeeded, the last ended " +
            $"{(lastEnd!.Value - started).TotalSeconds:F0} s after the chaos began ({(lastEnd.Value - ended).TotalSeconds:F0} s after the last kill); " +
            $"{executions} node executions for {_runs * _nodes} nodes ({interrupted} cut short by a kill; a node whose process ended but whose result was not yet recorded runs again), hosts that ran nodes: {string.Join(",", lines.Select(l => l[1]).Distinct().Order())}"));
        Assert.True(kills >= 2, "the chaos loop killed fewer than two hosts");
        Assert.True(lines.Select(l => l[1]).Distinct().Count() >= 2, "the work was not shared by the hosts");
    }

    private static async Task<AppProcess> RestartMainAsync(AppHarness app)
    {
        await app.StartAppAsync();
        return app.App;
    }
}
