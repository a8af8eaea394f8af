using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>The demo graph end to end: HTTP API → queues → orchestrator → workers → real git, python and tools, on Azurite.</summary>
[Collection(AppCollection.Name)]
public sealed class GitToProdDemoTests(AppFixture fixture)
{
    private readonly AppHarness _app = fixture.Harness;

    [Fact]
    public async Task GitToProd_RunsToSuccess_FixesTheRepositoryCopyAndLeavesTheExampleUnchanged()
    {
        var exampleBefore = HashFolder(Path.Combine(AppHarness.RepositoryRoot, "examples", "sample-repo"));

        var runId = await _app.SubmitAsync(new { graph = "git-to-prod" });
        var (run, statuses) = await _app.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));

        Assert.True(run["status"]!.GetValue<string>() == "succeeded", $"Run failed: {run}");
        Assert.Equal(["pending", "running", "succeeded"], statuses);
        var nodes = Nodes(run);
        var tester = nodes["tester"]["output"]!;
        Assert.True(tester["passed"]!.GetValue<bool>());
        Assert.Equal(2, tester["tests_run"]!.GetValue<int>());
        Assert.Contains("Ran 2 tests", tester["output"]!.GetValue<string>(), StringComparison.Ordinal);

        var workspace = nodes["release"]["output"]!["workspace"]!.GetValue<string>();
        Assert.Contains("return 42", await File.ReadAllTextAsync(Path.Combine(workspace, "answer", "core.py")), StringComparison.Ordinal);
        Assert.Contains(runId, await File.ReadAllTextAsync(Path.Combine(workspace, "CHANGELOG.md")), StringComparison.Ordinal);
        Assert.Equal(exampleBefore, HashFolder(Path.Combine(AppHarness.RepositoryRoot, "examples", "sample-repo")));
    }

    [Fact]
    public async Task GitToProd_Events_ShowFanOutScheduledTogetherAndFanInAfterAllBranches()
    {
        var runId = await _app.SubmitAsync(new { graph = "git-to-prod" });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var events = await _app.GetEventsAsync(runId);

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e["seq"]!.GetValue<long>()));
        var done = events.Where(e => e["type"]!.GetValue<string>() == "node_succeeded")
            .ToDictionary(e => e["nodeId"]!.GetValue<string>());
        string[] branches = ["python_fixer", "test_writer", "frontend_fixer"];

        // A fan-out: every branch is scheduled before any branch has finished (whether they then run at the same moment
        // depends on the machine, so that is not asserted).
        var scheduled = events.Where(e => e["type"]!.GetValue<string>() == "node_scheduled" && branches.Contains(e["nodeId"]!.GetValue<string>()))
            .ToDictionary(e => e["nodeId"]!.GetValue<string>(), e => e["seq"]!.GetValue<long>());
        Assert.Equal(branches.Order(), scheduled.Keys.Order());
        var firstBranchDone = branches.Min(b => done[b]["seq"]!.GetValue<long>());
        Assert.All(branches, b => Assert.True(scheduled[b] < firstBranchDone, $"{b} was scheduled only after a branch had finished."));
        var lastEnd = branches.Max(b => Time(done[b], "completed_at"));
        Assert.True(Time(done["aggregator"], "started_at") >= lastEnd, "The aggregator started before every branch had finished.");
        var aggregatorScheduled = events.Single(e => e["type"]!.GetValue<string>() == "node_scheduled" && e["nodeId"]!.GetValue<string>() == "aggregator");
        Assert.All(branches, b => Assert.True(done[b]["seq"]!.GetValue<long>() < aggregatorScheduled["seq"]!.GetValue<long>()));
    }

    [Fact]
    public async Task GitToProd_EveryModelNode_RecordsManifestModelTokensAndCost()
    {
        var runId = await _app.SubmitAsync(new { graph = "git-to-prod" });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        var events = await _app.GetEventsAsync(runId);

        var modelNodes = Nodes(run).Values.Where(n => n["kind"]!.GetValue<string>() == "skill").ToList();
        Assert.Equal(4, modelNodes.Count);
        foreach (var node in modelNodes)
        {
            var id = node["id"]!.GetValue<string>();
            Assert.Equal("openai/gpt-4o-mini", node["model"]!.GetValue<string>());
            Assert.True(node["recorded"]!.GetValue<bool>(), $"{id} should be marked as a recorded response");
            Assert.True(node["tokens"]!["input"]!.GetValue<long>() > 0 && node["tokens"]!["output"]!.GetValue<long>() > 0, $"{id} has no tokens");
            Assert.True(node["costUsd"]!.GetValue<decimal>() > 0, $"{id} has no cost");
            var manifest = node["details"]!["manifest"]!;
            Assert.Contains(manifest["sections"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "skill");
            Assert.True(manifest["totalTokens"]!.GetValue<int>() > 0);
            Assert.NotNull(manifest["drops"]);
            Assert.Contains(events, e => e["type"]!.GetValue<string>() == "context_compiled" && e["nodeId"]!.GetValue<string>() == id);
            Assert.Contains(events, e => e["type"]!.GetValue<string>() == "model_called" && e["nodeId"]!.GetValue<string>() == id && e["data"]!["recorded"]!.GetValue<bool>());
        }

        Assert.Equal(modelNodes.Sum(n => n["costUsd"]!.GetValue<decimal>()), run["costUsd"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task GitToProd_PythonFixer_ReadsTheFilesAndRunsTheTestsThroughToolCallsAndRevisesOnce()
    {
        var runId = await _app.SubmitAsync(new { graph = "git-to-prod" });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.True(run["status"]!.GetValue<string>() == "succeeded", $"Run failed: {run}");
        var fixer = Nodes(run)["python_fixer"];

        // The recorded conversation asks for the calls; the tools run for real on the repository (run_tests in fresh copies).
        var calls = fixer["details"]!["tool_calls"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(["list_files", "read_file", "read_file", "run_tests", "run_tests"], calls.Select(c => c["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList());
        Assert.All(calls, c => Assert.Equal("ok", c["outcome"]!.GetValue<string>()));
        Assert.Contains("return 41", calls.Single(c => c["arguments"]!["path"]?.GetValue<string>() == "answer/core.py")["result"]!.GetValue<string>(), StringComparison.Ordinal);
        var testRuns = calls.Where(c => c["name"]!.GetValue<string>() == "run_tests").Select(c => JsonNode.Parse(c["result"]!.GetValue<string>())!["passed"]!.GetValue<bool>()).Order().ToList();
        Assert.Equal([false, true], testRuns);
        Assert.Equal(5, fixer["details"]!["model_turns"]!.GetValue<int>());
        Assert.Contains("return 42", fixer["output"]!["patch"]!.GetValue<string>(), StringComparison.Ordinal);
        var events = await _app.GetEventsAsync(runId);
        Assert.Equal(5, events.Count(e => e["type"]!.GetValue<string>() == "tool_called" && e["nodeId"]!.GetValue<string>() == "python_fixer"));
    }

    internal static Dictionary<string, JsonObject> Nodes(JsonObject run) =>
        run["nodes"]!.AsArray().Select(n => n!.AsObject()).ToDictionary(n => n["id"]!.GetValue<string>());

    private static DateTimeOffset Time(JsonObject ev, string field) =>
        DateTimeOffset.Parse(ev["data"]![field]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static string HashFolder(string folder)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file)));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
