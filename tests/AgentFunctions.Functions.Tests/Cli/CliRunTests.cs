using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests.Cli;

/// <summary>The <c>agentfn</c> CLI against the real app on Azurite, run as a process the way a user or a CI job runs it.</summary>
[Collection(AppCollection.Name)]
public sealed class CliRunTests(AppFixture fixture)
{
    private static readonly string[] s_gitToProdNodes = ["planner", "python_fixer", "test_writer", "frontend_fixer", "aggregator", "tester", "security", "release"];

    private readonly AppHarness _app = fixture.Harness;

    [Fact]
    public async Task Run_GitToProdWithWait_ExitsZeroAndPrintsEveryNodesProgress()
    {
        var result = await AgentFnProcess.RunAsync(_app, "run", "git-to-prod", "--wait", "--timeout", "300");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Every node's change to succeeded, once (whether a short tool node is seen "running" depends on the polls' timing).
        foreach (var node in s_gitToProdNodes)
        {
            Assert.Single(result.Stdout.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^  node {node}\s+succeeded\s+\S"));
        }

        Assert.Matches(@"(?m)^  node planner\s+succeeded\s+openai/gpt-4o-mini \(recorded\)\s+\d+\+\d+ tokens\s+\$0\.\d+\s+\d+\.\d s", result.Stdout);
        Assert.Matches(@"(?m)^run run-\S+: succeeded, cost \$", result.Stdout);
    }

    [Fact]
    public async Task Run_FailingGraphWithWait_ExitsOneAndSaysWhichNodeFailedAndWhy()
    {
        using var graph = TempGraph("name: cli-fails\nnodes:\n  build:\n    tool: shell\n    with: { command: 'echo built' }\n  deploy:\n    tool: shell\n    needs: build\n    with: { command: 'echo no disk left >&2; exit 3' }\n");

        var result = await AgentFnProcess.RunAsync(_app, "run", graph.Path, "--wait", "--timeout", "120");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"(?m)^  node build\s+succeeded", result.Stdout);
        Assert.Matches(@"(?m)^  node deploy\s+failed", result.Stdout);
        Assert.Contains("agentfn: run run-", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  node deploy failed: .+", result.Stderr);
    }

    [Fact]
    public async Task RunAndStatus_WithJson_PrintOneJsonDocumentEach()
    {
        using var graph = TempGraph("name: cli-json\nnodes:\n  hello:\n    tool: shell\n    with: { command: 'echo hello' }\n");

        var run = await AgentFnProcess.RunAsync(_app, "run", graph.Path, "--wait", "--json", "--timeout", "120");
        Assert.True(run.ExitCode == 0, run.ToString());
        var document = JsonNode.Parse(run.Stdout)!.AsObject();
        Assert.Equal("succeeded", document["status"]!.GetValue<string>());
        var runId = document["runId"]!.GetValue<string>();

        var status = await AgentFnProcess.RunAsync(_app, "status", runId, "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal("hello", JsonNode.Parse(status.Stdout)!["nodes"]![0]!["id"]!.GetValue<string>());

        var events = await AgentFnProcess.RunAsync(_app, "events", runId, "--json");
        Assert.True(events.ExitCode == 0, events.ToString());
        var seqs = JsonNode.Parse(events.Stdout)!["events"]!.AsArray().Select(e => e!["seq"]!.GetValue<long>()).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Contains(JsonNode.Parse(events.Stdout)!["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "run_succeeded");

        var listed = await AgentFnProcess.RunAsync(_app, "runs", "--graph", "cli-json", "--json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(JsonNode.Parse(listed.Stdout)!["runs"]!.AsArray(), r => r!["runId"]!.GetValue<string>() == runId);
        var table = await AgentFnProcess.RunAsync(_app, "runs", "--search", runId, "--status", "succeeded");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches($@"(?m)^{runId}\s+cli-json\s+succeeded\s+\$", table.Stdout);
        var badStatus = await AgentFnProcess.RunAsync(_app, "runs", "--status", "done");
        Assert.True(badStatus.ExitCode == 65, badStatus.ToString());
        Assert.Contains("'status' must be one of", badStatus.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsFollow_WhileTheRunRuns_PrintsEveryEventOnceAndExitsWhenTheRunEnds()
    {
        using var graph = TempGraph("name: cli-follow\nnodes:\n  first:\n    tool: shell\n    with: { command: 'sleep 2; echo one' }\n  second:\n    tool: shell\n    needs: first\n    with: { command: 'echo two' }\n");
        var started = await AgentFnProcess.RunAsync(_app, "run", graph.Path, "--json");
        Assert.True(started.ExitCode == 0, started.ToString());
        var runId = JsonNode.Parse(started.Stdout)!["runId"]!.GetValue<string>();

        var followed = await AgentFnProcess.RunAsync(_app, "events", runId, "--follow", "--json");

        Assert.True(followed.ExitCode == 0, followed.ToString());
        var document = JsonNode.Parse(followed.Stdout)!;
        Assert.Equal("succeeded", document["status"]!.GetValue<string>());
        var seen = document["events"]!.AsArray().Select(e => e!["seq"]!.GetValue<long>()).ToList();
        var recorded = await _app.GetEventsAsync(runId);
        Assert.Equal(recorded.Select(e => e["seq"]!.GetValue<long>()), seen);
        Assert.Equal("run_succeeded", document["events"]!.AsArray()[^1]!["type"]!.GetValue<string>());

        var text = await AgentFnProcess.RunAsync(_app, "events", runId, "--follow", "--after", "2");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.DoesNotContain("#1 ", text.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("#3 ", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"run {runId} ended: succeeded", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkillsDryRunAndGraphsList_WithJson_ShowTheManifestAndTheCatalog()
    {
        var dryRun = await AgentFnProcess.RunAsync(_app, "skills", "dry-run", "hr/resume-screen", "--json");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        var document = JsonNode.Parse(dryRun.Stdout)!;
        Assert.Equal("hr/resume-screen", document["skill"]!.GetValue<string>());
        Assert.Contains(document["manifest"]!["sections"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "skill");
        Assert.False(string.IsNullOrWhiteSpace(document["systemPrompt"]!.GetValue<string>()));

        var text = await AgentFnProcess.RunAsync(_app, "skills", "dry-run", "hr/resume-screen");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("dry run, no model call", text.Stdout, StringComparison.Ordinal);

        var graphs = await AgentFnProcess.RunAsync(_app, "graphs", "list", "--json");
        Assert.True(graphs.ExitCode == 0, graphs.ToString());
        Assert.Contains(JsonNode.Parse(graphs.Stdout)!["graphs"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "git-to-prod" && g["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Status_WithABadKey_Exits77WithAClearMessage()
    {
        var result = await AgentFnProcess.RunAsync(AppHarness.RepositoryRoot, "status", "run-anything", "--url", _app.App.BaseAddress.ToString(), "--key", "not-a-key");

        Assert.True(result.ExitCode == 77, result.ToString());
        Assert.StartsWith("agentfn: 401 ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--key", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownGraph_PrintsTheProblemAndExits65()
    {
        var result = await AgentFnProcess.RunAsync(_app, "run", "no-such-graph");

        Assert.True(result.ExitCode == 65, result.ToString());
        Assert.Contains("404 Graph not found.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Known graphs:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedInput_Exits64WithoutCallingTheApp()
    {
        var result = await AgentFnProcess.RunAsync(_app, "run", "git-to-prod", "--input", "no-equals-sign");

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("key=value", result.Stderr, StringComparison.Ordinal);
    }

    private static TempFile TempGraph(string yaml)
    {
        var path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("agentfn-cli-").FullName, "graph.yaml");
        File.WriteAllText(path, yaml);
        return new TempFile(path);
    }

    private sealed record TempFile(string Path) : IDisposable
    {
        public void Dispose() => Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }
}
