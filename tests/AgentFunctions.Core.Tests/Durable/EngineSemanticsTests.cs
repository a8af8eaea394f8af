using AgentFunctions.Core.Orchestration;
using AgentFunctions.TestSupport.Engine;

namespace AgentFunctions.Core.Tests.Durable;

/// <summary>
/// Conditions, fan-out and refinement loops through the whole engine — the graph orchestrator and node activities on the
/// Durable Task Framework's dispatcher over its in-memory backend — with real shell nodes.
/// </summary>
public sealed class EngineSemanticsTests : IAsyncLifetime
{
    private EngineHost? _engine;

    private EngineHost Engine => _engine!;

    public async Task InitializeAsync() => _engine = await EngineHost.StartAsync();

    public async Task DisposeAsync() => await Engine.DisposeAsync();

    private string Log => Path.Combine(Engine.Work, "executions.log");

    private string WithLog(string yaml) => yaml.Replace("LOG", Log, StringComparison.Ordinal);

    [Fact]
    public async Task Run_ConditionalBranch_RunsTheTrueBranchSkipsTheOtherAndTheJoinSeesNull()
    {
        var yaml = WithLog("""
            name: branch
            nodes:
              check:
                tool: shell
                with: { command: "echo '{\"failed\": 0}'" }
              fix:
                tool: shell
                needs: check
                when: nodes.check.output.json.failed > 0
                with: { command: echo fix >> LOG }
              notify:
                tool: shell
                needs: check
                when: nodes.check.output.json.failed == 0
                with: { command: echo notify >> LOG }
              after_fix:
                tool: shell
                needs: fix
                with: { command: echo after_fix >> LOG }
              report:
                tool: shell
                needs: [fix, notify]
                with: { command: "echo 'fix=${{ nodes.fix.output.exit_code }} notify=${{ nodes.notify.output.exit_code }}' >> LOG" }
            """);

        var run = await Engine.RunAsync(yaml);

        Assert.Equal("succeeded", run.Status);
        var fix = run.Nodes.Single(n => n.Id == "fix");
        Assert.Equal(("skipped", "when_false", "nodes.check.output.json.failed > 0"), (fix.Status, fix.SkipCause, fix.When));
        Assert.Equal("needs_skipped", run.Nodes.Single(n => n.Id == "after_fix").SkipCause);
        Assert.Equal(["notify", "fix= notify=0"], await File.ReadAllLinesAsync(Log));
        var skipped = (await Engine.EventsAsync(run.RunId)).First(e => e.Type == "node_skipped");
        Assert.Equal("when 'nodes.check.output.json.failed > 0' was false", skipped.Data["reason"]!.GetValue<string>());
    }

    private const string FanOut = """
        name: fanout
        nodes:
          planner:
            tool: shell
            with: { command: "echo '{\"files\": [\"a.py\", \"b.py\", \"c.py\"]}'" }
          review:
            tool: shell
            needs: planner
            for_each: ${{ nodes.planner.output.json.files }}
            with: { command: "echo \"$AF_NODE_ID\" >> LOG; echo '{\"file\": \"${{ item }}\", \"index\": ${{ item_index }}}'" }
          summary:
            tool: shell
            needs: review
            with: { command: "echo '${{ nodes.review.output[0].json.file }} ${{ nodes.review.output[1].json.file }} ${{ nodes.review.output[2].json.file }}'" }
        """;

    [Fact]
    public async Task Run_ForEachOverAListProducedUpstream_FanInGetsTheOrderedArray()
    {
        var run = await Engine.RunAsync(WithLog(FanOut));

        Assert.Equal("succeeded", run.Status);
        var review = run.Nodes.Single(n => n.Id == "review");
        Assert.Equal(["a.py", "b.py", "c.py"], review.Output!.AsArray().Select(o => o!["json"]!["file"]!.GetValue<string>()));
        Assert.Equal([0, 1, 2], review.Output!.AsArray().Select(o => o!["json"]!["index"]!.GetValue<int>()));
        Assert.Equal(("nodes.planner.output.json.files", 3), (review.ForEach!.Items, review.ForEach.Count));
        Assert.Equal(["review[0]", "review[1]", "review[2]"], review.Instances!.Select(i => i.Id));
        Assert.All(review.Instances!, i => Assert.Equal("succeeded", i.Status));
        Assert.Equal("b.py", review.Instances![1].Item!.GetValue<string>());
        Assert.Equal("a.py b.py c.py\n", run.Nodes.Single(n => n.Id == "summary").Output!["output"]!.GetValue<string>());
        Assert.Equal(["review[0]", "review[1]", "review[2]"], (await File.ReadAllLinesAsync(Log)).Order());
        Assert.Equal(3, (await Engine.EventsAsync(run.RunId)).Single(e => e.Type == "for_each_expanded").Data["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Run_ForEachInstanceFails_TheRunFailsNamingTheInstance()
    {
        var yaml = """
            name: fanfail
            inputs:
              files: { type: array, default: [ok, bad, ok2] }
            nodes:
              check:
                tool: shell
                for_each: ${{ inputs.files }}
                with: { command: "test '${{ item }}' != bad" }
            """;

        var run = await Engine.RunAsync(yaml);

        Assert.Equal("failed", run.Status);
        Assert.Contains("instance check[1] failed: The command exited with code 1.", run.Error, StringComparison.Ordinal);
        var instances = run.Nodes.Single().Instances!;
        Assert.Equal("failed", instances[1].Status);
        Assert.Contains("exited with code 1", instances[1].Error, StringComparison.Ordinal);

        // The siblings run in parallel: each succeeded, or was still running when the failure ended the run and was stopped
        // (a slow machine decides which) — never failed by its own command.
        foreach (var sibling in new[] { instances[0], instances[2] })
        {
            Assert.True(sibling.Status == "succeeded" || !(sibling.Error ?? string.Empty).Contains("exited with code", StringComparison.Ordinal),
                $"{sibling.Id}: {sibling.Status} {sibling.Error}");
        }
    }

    [Fact]
    public async Task Run_RefineLoopExample_TesterPassesOnTheSecondIteration()
    {
        var run = await Engine.RunAsync(null, graph: "refine-loop");
        var events = await Engine.EventsAsync(run.RunId);

        Assert.Equal("succeeded", run.Status);
        var tester = run.Nodes.Single(n => n.Id == "tester");
        Assert.Equal(("succeeded", 2), (tester.Status, tester.Iteration));
        Assert.True(tester.Output!["json"]!["passed"]!.GetValue<bool>());
        Assert.Equal(("coder", "nodes.tester.output.json.passed == true", 3), (tester.Loop!.BackTo, tester.Loop.Until, tester.Loop.MaxIterations));
        Assert.Equal("def add(a, b): return a + b", run.Nodes.Single(n => n.Id == "coder").Output!["json"]!["code"]!.GetValue<string>());
        var iteration = Assert.Single(events, e => e.Type == "loop_iteration_started");
        Assert.Equal(2, iteration.Data["iteration"]!.GetValue<int>());
        Assert.Equal(2, events.Count(e => e.Type == "node_succeeded" && e.NodeId == "coder"));
        Assert.Single(events, e => e.Type == "loop_completed");
        Assert.Equal("release add after 2 iteration(s)\n", run.Nodes.Single(n => n.Id == "release").Output!["output"]!.GetValue<string>());
        Assert.Equal(2, run.Nodes.Single(n => n.Id == "lint").Instances!.Count);
    }

    [Fact]
    public async Task Run_LoopThatNeverPasses_FailsAfterMaxIterationsWithTheReason()
    {
        var yaml = WithLog("""
            name: never
            nodes:
              coder:
                tool: shell
                with: { command: echo "coder $AF_ITERATION" >> LOG }
              tester:
                tool: shell
                needs: coder
                with: { command: "echo '{\"passed\": false}'" }
                loop: { back_to: coder, until: nodes.tester.output.json.passed, max_iterations: 2 }
            """);

        var run = await Engine.RunAsync(yaml);

        Assert.Equal("failed", run.Status);
        Assert.Contains("The loop gave up after 2 iteration(s)", run.Error, StringComparison.Ordinal);
        Assert.Equal(["coder 1", "coder 2"], await File.ReadAllLinesAsync(Log));
    }

    [Fact]
    public async Task Run_ForEachWiderThanOneChunk_EveryInstanceRunsOnceAndTheFanInGetsTheOrderedArray()
    {
        // 150 instances in one step: more first attempts than one sub-orchestration chunk holds (100), so the step goes out
        // as two ForEachChunkOrchestrator sub-orchestrations.
        var yaml = """
            name: wide
            nodes:
              list:
                tool: shell
                with: { command: "python3 -c 'import json; print(json.dumps(list(range(150))))'" }
              each:
                tool: noop
                needs: list
                for_each: ${{ nodes.list.output.json }}
                max_items: 200
              join:
                tool: shell
                needs: each
                with: { command: "echo done" }
            """;

        var run = await Engine.RunAsync(yaml);
        var events = await Engine.EventsAsync(run.RunId);

        Assert.True(run.Status == "succeeded", $"{run.Status}: {run.Error}");
        var each = Assert.Single(run.Nodes, n => n.Id == "each");
        Assert.Equal(150, each.Output!.AsArray().Count);
        Assert.Equal(150, events.Count(e => e.Type == "node_succeeded" && e.NodeId!.StartsWith("each[", StringComparison.Ordinal)));
        Assert.Equal(150, events.Where(e => e.Type == "node_succeeded" && e.NodeId!.StartsWith("each[", StringComparison.Ordinal)).Select(e => e.NodeId).Distinct().Count());
        Assert.Single(events, e => e.Type == "node_succeeded" && e.NodeId == "join");
    }

    [Fact]
    public async Task Run_NodeOverItsTimeout_IsStoppedAndCountsAsAFailedAttempt()
    {
        var yaml = WithLog("""
            name: slow
            nodes:
              slow:
                tool: shell
                timeout: 500ms
                with: { command: "echo started >> LOG; sleep 30; echo finished >> LOG" }
              after:
                tool: shell
                needs: slow
                with: { command: echo after >> LOG }
            """);

        var run = await Engine.RunAsync(yaml);

        Assert.Equal("failed", run.Status);
        var slow = Assert.Single(run.Nodes, n => n.Id == "slow");
        Assert.Equal(("failed", 1), (slow.Status, slow.Attempt));
        Assert.Contains("Timed out after 500 ms (node timeout)", slow.Error, StringComparison.Ordinal);
        Assert.True(slow.DurationMs < 10_000, $"the attempt should have been stopped at its timeout, not after {slow.DurationMs} ms");
        Assert.Equal(["started"], await File.ReadAllLinesAsync(Log));
        Assert.Equal("skipped", Assert.Single(run.Nodes, n => n.Id == "after").Status);
    }
}
