using System.Globalization;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.TestSupport.Engine;

namespace AgentFunctions.Core.Tests.Durable;

/// <summary>
/// Joins (<c>any</c>, <c>quorum</c>), optional nodes and retries through the whole engine — the graph orchestrator and node
/// activities on the Durable Task Framework's dispatcher over its in-memory backend — with real shell nodes.
/// </summary>
public sealed class EngineJoinAndRetryTests : IAsyncLifetime
{
    // A shell loop that waits (at most 120 s) until the flag file exists: it lets a need keep running until the fan-in
    // after it has started, so "the join ran before that need ended" does not depend on timing.
    private const string WaitForFlag = "i=0; while [ ! -f %FLAG% ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done";

    private EngineHost? _engine;

    private EngineHost Engine => _engine!;

    public async Task InitializeAsync() => _engine = await EngineHost.StartAsync();

    public async Task DisposeAsync() => await Engine.DisposeAsync();

    private string Log => Path.Combine(Engine.Work, "executions.log");

    private string Flag => Path.Combine(Engine.Work, "fan-in-started");

    private string Counter => Path.Combine(Engine.Work, "attempts.count");

    private string With(string yaml) => yaml
        .Replace("%WAIT_FOR_FLAG%", WaitForFlag, StringComparison.Ordinal)
        .Replace("%FLAG%", Flag, StringComparison.Ordinal)
        .Replace("%COUNTER%", Counter, StringComparison.Ordinal)
        .Replace("%LOG%", Log, StringComparison.Ordinal);

    [Fact]
    public async Task Run_AnyJoin_FanInRunsOnTheFirstSuccessWhileTheOtherNeedStillRunsAndReadsItAsNull()
    {
        var yaml = With("""
            name: any-join
            nodes:
              fast:
                tool: shell
                with: { command: "echo '{\"v\": 7}'" }
              slow_fail:
                tool: shell
                optional: true
                with: { command: "%WAIT_FOR_FLAG%; echo slow_fail >> %LOG%; exit 1" }
              first:
                tool: shell
                needs: [fast, slow_fail]
                join: any
                with: { command: "echo 'first fast=${{ nodes.fast.output.json.v }} slow=[${{ nodes.slow_fail.output.exit_code }}]' >> %LOG%; touch %FLAG%" }
            """);

        var run = await Engine.RunAsync(yaml);
        var events = await Engine.EventsAsync(run.RunId);

        Assert.True(run.Status == "succeeded", $"{run.Status}: {run.Error}");
        var first = Assert.Single(run.Nodes, n => n.Id == "first");
        Assert.Equal(("succeeded", "any"), (first.Status, first.Join));
        Assert.Equal(["first fast=7 slow=[]", "slow_fail"], await File.ReadAllLinesAsync(Log));
        var joined = Assert.Single(events, e => e.Type == "join_satisfied");
        Assert.Equal("first", joined.NodeId);
        Assert.Equal(("any", 1), (joined.Data["join"]!.GetValue<string>(), joined.Data["quorum"]!.GetValue<int>()));
        Assert.Equal(["fast"], Names(joined, "succeeded"));
        Assert.Equal(["slow_fail"], Names(joined, "waiting"));
        Assert.Equal("failed", Assert.Single(run.Nodes, n => n.Id == "slow_fail").Status);
        Assert.Single(events, e => e.Type == "node_succeeded" && e.NodeId == "first");
        Assert.Equal(["slow_fail"], Names(Assert.Single(events, e => e.Type == "run_succeeded"), "optional_failed"));
    }

    [Fact]
    public async Task Run_QuorumMetWhileANeedStillRuns_FanInRunsOnceAndTheLateNeedIsStillRecorded()
    {
        var yaml = With("""
            name: quorum-join
            nodes:
              a:
                tool: shell
                with: { command: "echo '{\"v\": \"A\"}'" }
              b:
                tool: shell
                with: { command: "echo '{\"v\": \"B\"}'" }
              c:
                tool: shell
                with: { command: "%WAIT_FOR_FLAG%; echo c >> %LOG%; echo '{\"v\": \"C\"}'" }
              merge:
                tool: shell
                needs: [a, b, c]
                join: { quorum: 2 }
                with: { command: "echo 'merge ${{ nodes.a.output.json.v }}${{ nodes.b.output.json.v }}[${{ nodes.c.output.json.v }}]' >> %LOG%; touch %FLAG%" }
            """);

        var run = await Engine.RunAsync(yaml);
        var events = await Engine.EventsAsync(run.RunId);

        Assert.True(run.Status == "succeeded", $"{run.Status}: {run.Error}");
        Assert.Equal(["merge AB[]", "c"], await File.ReadAllLinesAsync(Log));
        Assert.Equal("quorum: 2", Assert.Single(run.Nodes, n => n.Id == "merge").Join);
        var joined = Assert.Single(events, e => e.Type == "join_satisfied");
        Assert.Equal(("merge", "quorum", 2), (joined.NodeId, joined.Data["join"]!.GetValue<string>(), joined.Data["quorum"]!.GetValue<int>()));
        Assert.Equal(["a", "b"], Names(joined, "succeeded").Order());
        Assert.Equal(["c"], Names(joined, "waiting"));
        var c = Assert.Single(run.Nodes, n => n.Id == "c");
        Assert.Equal(("succeeded", "C"), (c.Status, c.Output!["json"]!["v"]!.GetValue<string>()));
        Assert.Single(events, e => e.Type == "node_succeeded" && e.NodeId == "merge");
        Assert.Single(events, e => e.Type == "node_scheduled" && e.NodeId == "merge");
    }

    [Fact]
    public async Task Run_QuorumThatCanNoLongerBeMet_FailsTheFanInAndTheRunNamingTheFailedNeeds()
    {
        var yaml = With("""
            name: quorum-lost
            nodes:
              a:
                tool: shell
                with: { command: echo a }
              b:
                tool: shell
                optional: true
                with: { command: exit 1 }
              c:
                tool: shell
                optional: true
                with: { command: exit 1 }
              merge:
                tool: shell
                needs: [a, b, c]
                join: { quorum: 2 }
                with: { command: echo merge >> %LOG% }
            """);

        var run = await Engine.RunAsync(yaml);

        Assert.Equal("failed", run.Status);
        var merge = Assert.Single(run.Nodes, n => n.Id == "merge");
        Assert.Equal(("failed", 0), (merge.Status, merge.Attempt));
        Assert.Contains("join 'quorum: 2' can no longer be met", merge.Error, StringComparison.Ordinal);
        Assert.Contains("(b failed, c failed)", merge.Error, StringComparison.Ordinal);
        Assert.StartsWith("Node 'merge' failed: join 'quorum: 2' can no longer be met", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Log), "the fan-in must not have run");
        Assert.DoesNotContain(await Engine.EventsAsync(run.RunId), e => e.Type == "join_satisfied");
    }

    [Fact]
    public async Task Run_OptionalNodeFailsAfterItsRetries_TheRunSucceedsAndTheNextNodeReadsNull()
    {
        var yaml = With("""
            name: optional-fails
            nodes:
              flaky:
                tool: shell
                optional: true
                retries: 1
                with: { command: "echo \"flaky $AF_ATTEMPT\" >> %LOG%; echo '{\"v\": 1}'; exit 1" }
              after:
                tool: shell
                needs: flaky
                with: { command: "echo 'after [${{ nodes.flaky.output.json.v }}] [${{ nodes.flaky.output.exit_code }}]' >> %LOG%" }
            """);

        var run = await Engine.RunAsync(yaml);
        var events = await Engine.EventsAsync(run.RunId);

        Assert.True(run.Status == "succeeded", $"{run.Status}: {run.Error}");
        Assert.Null(run.Error);
        var flaky = Assert.Single(run.Nodes, n => n.Id == "flaky");
        Assert.Equal(("failed", 2, "The command exited with code 1."), (flaky.Status, flaky.Attempt, flaky.Error));
        Assert.Equal("succeeded", Assert.Single(run.Nodes, n => n.Id == "after").Status);
        Assert.Equal(["flaky 1", "flaky 2", "after [] []"], await File.ReadAllLinesAsync(Log));
        var failed = Assert.Single(events, e => e.Type == "node_failed");
        Assert.Equal(("flaky", 2, true), (failed.NodeId, failed.Data["attempt"]!.GetValue<int>(), failed.Data["optional"]!.GetValue<bool>()));
        Assert.Single(events, e => e.Type == "node_retry_scheduled" && e.NodeId == "flaky");
        Assert.Equal(["flaky"], Names(Assert.Single(events, e => e.Type == "run_succeeded"), "optional_failed"));
    }

    [Fact]
    public async Task Run_NodeFailsTwiceThenSucceeds_RetriesAfterTheBackOffAndSucceedsOnTheThirdAttempt()
    {
        // Each attempt logs its start time (ns) and bumps a counter; the first two attempts fail.
        var yaml = With("""
            name: retry-then-pass
            nodes:
              flaky:
                tool: shell
                retries: 2
                with: { command: "date +%s%N >> %LOG%; n=$(cat %COUNTER% 2>/dev/null || echo 0); n=$((n+1)); echo $n > %COUNTER%; echo \"attempt $n\"; test $n -ge 3" }
              after:
                tool: shell
                needs: flaky
                with: { command: "echo '${{ nodes.flaky.output.output }}'" }
            """);

        var run = await Engine.RunAsync(yaml);
        var events = await Engine.EventsAsync(run.RunId);

        Assert.True(run.Status == "succeeded", $"{run.Status}: {run.Error}");
        var flaky = Assert.Single(run.Nodes, n => n.Id == "flaky");
        Assert.Equal(("succeeded", 3), (flaky.Status, flaky.Attempt));
        Assert.Equal("attempt 3\n\n", Assert.Single(run.Nodes, n => n.Id == "after").Output!["output"]!.GetValue<string>());
        Assert.Equal("3", (await File.ReadAllTextAsync(Counter)).Trim());

        var retries = events.Where(e => e.Type == "node_retry_scheduled").ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, r => Assert.Equal("flaky", r.NodeId));
        Assert.Equal([1, 2], retries.Select(r => r.Data["failed_attempt"]!.GetValue<int>()));
        Assert.Equal([2, 3], retries.Select(r => r.Data["next_attempt"]!.GetValue<int>()));
        Assert.Equal([1000L, 2000L], retries.Select(r => r.Data["delay_ms"]!.GetValue<long>()));
        Assert.All(retries, r => Assert.Equal("The command exited with code 1.", r.Data["error"]!.GetValue<string>()));
        Assert.DoesNotContain(events, e => e.Type == "node_failed");

        // The back-off is a lower bound: attempt 2 starts at least 1 s after attempt 1, attempt 3 at least 2 s after attempt 2.
        var starts = (await File.ReadAllLinesAsync(Log)).Select(l => long.Parse(l, CultureInfo.InvariantCulture) / 1_000_000).ToList();
        Assert.Equal(3, starts.Count);
        Assert.True(starts[1] - starts[0] >= 1000, $"attempt 2 started {starts[1] - starts[0]} ms after attempt 1");
        Assert.True(starts[2] - starts[1] >= 2000, $"attempt 3 started {starts[2] - starts[1]} ms after attempt 2");
    }

    [Fact]
    public async Task Run_NodeThatAlwaysFailsWithOneRetry_FailsTheRunNamingTheNodeAndTheError()
    {
        var yaml = With("""
            name: always-fails
            nodes:
              broken:
                tool: shell
                retries: 1
                with: { command: "echo \"broken $AF_ATTEMPT\" >> %LOG%; echo boom >&2; exit 3" }
              after:
                tool: shell
                needs: broken
                with: { command: echo after >> %LOG% }
            """);

        var run = await Engine.RunAsync(yaml);
        var events = await Engine.EventsAsync(run.RunId);

        Assert.Equal("failed", run.Status);
        Assert.Equal("Node 'broken' failed: The command exited with code 3.", run.Error);
        var broken = Assert.Single(run.Nodes, n => n.Id == "broken");
        Assert.Equal(("failed", 2, "The command exited with code 3."), (broken.Status, broken.Attempt, broken.Error));
        Assert.Contains("boom", broken.Output!["output"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["broken 1", "broken 2"], await File.ReadAllLinesAsync(Log));
        var after = Assert.Single(run.Nodes, n => n.Id == "after");
        Assert.Equal(("skipped", "run_failed"), (after.Status, after.SkipCause));
        Assert.Equal(2, Assert.Single(events, e => e.Type == "node_retry_scheduled").Data["next_attempt"]!.GetValue<int>());
        var failed = Assert.Single(events, e => e.Type == "node_failed");
        Assert.Equal(("broken", 2), (failed.NodeId, failed.Data["attempt"]!.GetValue<int>()));
        Assert.Null(failed.Data["optional"]);
        var runFailed = Assert.Single(events, e => e.Type == "run_failed");
        Assert.Equal(("broken", "The command exited with code 3."), (runFailed.Data["node"]!.GetValue<string>(), runFailed.Data["error"]!.GetValue<string>()));
    }

    private static string[] Names(RunEvent e, string key) => [.. e.Data[key]!.AsArray().Select(n => n!.GetValue<string>())];
}
