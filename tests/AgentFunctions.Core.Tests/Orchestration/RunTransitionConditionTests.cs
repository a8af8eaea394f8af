using AgentFunctions.Core.Orchestration;
using static AgentFunctions.Core.Tests.Orchestration.SemanticsTestGraphs;
using static AgentFunctions.Core.Tests.Orchestration.TestGraphs;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary><c>when:</c> conditions: evaluated when the needs are done; false skips the node; skips propagate only when nothing else is left.</summary>
public sealed class RunTransitionConditionTests
{
    // check -> fix (when check failed) -> report (needs fix and check)
    private static Core.Graphs.GraphDefinition Branch() => Graph(
        null,
        Node("check"),
        Node("fix", ["check"]).When("nodes.check.output.failed > 0"),
        Node("after_fix", ["fix"]),
        Node("report", ["check", "fix"]));

    [Fact]
    public void Apply_WhenTrue_DispatchesTheNode()
    {
        var graph = Branch();
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(OkWith("check", """{"failed":2}""")));

        Assert.Equal(["fix"], results[^1].Dispatches.Select(d => d.NodeId));
        Assert.Equal(NodeStatus.Scheduled, run.Nodes["fix"].Status);
        Assert.DoesNotContain(results[^1].Events, e => e.Type == "node_skipped");
    }

    [Fact]
    public void Apply_WhenFalse_SkipsWithTheConditionAndSuccessorsTreatItAsNull()
    {
        var graph = Branch();
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(OkWith("check", """{"failed":0}""")));

        Assert.Equal((NodeStatus.Skipped, SkipCauses.WhenFalse), (run.Nodes["fix"].Status, run.Nodes["fix"].SkipCause));
        Assert.Equal("when 'nodes.check.output.failed > 0' was false", run.Nodes["fix"].Error);
        var skipped = results[^1].Events.First(e => e.Type == "node_skipped");
        Assert.Equal(("fix", "when_false", "nodes.check.output.failed > 0"), (skipped.NodeId, skipped.Data["cause"]!.GetValue<string>(), skipped.Data["condition"]!.GetValue<string>()));

        // after_fix needs only the skipped node: skipped too; report also needs check (succeeded): it runs.
        Assert.Equal((NodeStatus.Skipped, SkipCauses.NeedsSkipped), (run.Nodes["after_fix"].Status, run.Nodes["after_fix"].SkipCause));
        Assert.Equal(["report"], results[^1].Dispatches.Select(d => d.NodeId));
    }

    [Fact]
    public void Apply_ConditionSkips_RunStillSucceedsAndListsSkippedNodes()
    {
        var graph = Branch();
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(OkWith("check", """{"failed":0}""")), Done(Ok("report")));

        Assert.Equal(RunStatus.Succeeded, run.Header.Status);
        var succeeded = results[^1].Events.Single(e => e.Type == "run_succeeded");
        Assert.Equal(["fix", "after_fix"], succeeded.Data["skipped"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Apply_SkipPropagatesThroughAChainButStopsAtANodeWithWorkToDo()
    {
        var graph = Graph(
            null,
            Node("a"),
            Node("b", ["a"]).When("false"),
            Node("c", ["b"]),
            Node("d", ["c"]),
            Node("e", ["d", "a"]));
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("a")));

        Assert.Equal([SkipCauses.WhenFalse, SkipCauses.NeedsSkipped, SkipCauses.NeedsSkipped], new[] { "b", "c", "d" }.Select(n => run.Nodes[n].SkipCause));
        Assert.Equal(["e"], results[^1].Dispatches.Select(d => d.NodeId));
    }

    [Fact]
    public void Apply_RootConditionOverInputs_IsCheckedAtStart()
    {
        var graph = Graph(null, Node("a").When("inputs.mode == 'full'"), Node("b"));
        var start = NewRun(graph) with { Header = NewRun(graph).Header with { Inputs = new() { ["mode"] = "quick" } } };

        var (run, result) = Step(start, graph, null, new StartRun());

        Assert.Equal(NodeStatus.Skipped, run.Nodes["a"].Status);
        Assert.Equal(["b"], result.Dispatches.Select(d => d.NodeId));
    }

    [Fact]
    public void Apply_ConditionThatCannotBeEvaluated_FailsTheNodeAndTheRun()
    {
        var graph = Graph(null, Node("a"), Node("b", ["a"]).When("nodes.a.output.node < 3"));
        var (run, _) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("a")));

        Assert.Equal(NodeStatus.Failed, run.Nodes["b"].Status);
        Assert.Contains("'<' compares two numbers or two strings, not the string 'a' and the number 3", run.Nodes["b"].Error, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, run.Header.Status);
    }

    [Fact]
    public void Apply_ConditionReadsNodeSkippedByCondition_AsNull()
    {
        var graph = Graph(null, Node("a"), Node("b", ["a"]).When("false"), Node("c", ["a", "b"]).When("nodes.b.output == null"));
        var (_, results) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("a")));

        Assert.Equal(["c"], results[^1].Dispatches.Select(d => d.NodeId));
    }
}
