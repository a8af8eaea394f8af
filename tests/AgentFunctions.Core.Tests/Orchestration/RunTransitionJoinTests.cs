using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;
using static AgentFunctions.Core.Tests.Orchestration.SemanticsTestGraphs;
using static AgentFunctions.Core.Tests.Orchestration.TestGraphs;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>Join policies (any, quorum) and optional nodes that fail.</summary>
public sealed class RunTransitionJoinTests
{
    // start -> {a, b, c} -> join
    private static GraphDefinition Fan(JoinMode mode, int quorum = 1, bool optional = false) => Graph(
        null,
        Node("start"),
        Node("a", ["start"], optional: optional),
        Node("b", ["start"], optional: optional),
        Node("c", ["start"], optional: optional),
        Node("join", ["a", "b", "c"]).Join(mode, quorum));

    [Fact]
    public void Apply_JoinAny_RunsAfterTheFirstSuccessAndLaterCompletionsDoNotRetrigger()
    {
        var graph = Fan(JoinMode.Any);
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("start")), Done(Ok("b")));

        Assert.Equal(["join"], results[^1].Dispatches.Select(d => d.NodeId));
        var satisfied = results[^1].Events.Single(e => e.Type == "join_satisfied");
        Assert.Equal(("any", "b"), (satisfied.Data["join"]!.GetValue<string>(), satisfied.Data["succeeded"]![0]!.GetValue<string>()));

        (run, results) = Steps(run, graph, Done(Ok("a")), Done(Ok("c")));
        Assert.All(results, r => Assert.Empty(r.Dispatches));
        Assert.Equal(NodeStatus.Succeeded, run.Nodes["c"].Status);
        Assert.Equal(1, run.Nodes["join"].Attempt);
    }

    [Fact]
    public void Apply_Quorum_WaitsForTheQuorumThenRuns()
    {
        var graph = Fan(JoinMode.Quorum, 2);
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("start")), Done(Ok("a")));
        Assert.Empty(results[^1].Dispatches);

        (_, var result) = Step(run, graph, null, Done(Ok("c")));

        Assert.Equal(["join"], result.Dispatches.Select(d => d.NodeId));
        Assert.Equal(2, result.Events.Single(e => e.Type == "join_satisfied").Data["quorum"]!.GetValue<int>());
    }

    [Fact]
    public void Apply_QuorumThatCanNoLongerBeMet_FailsAsSoonAsItIsImpossible()
    {
        var graph = Fan(JoinMode.Quorum, 2, optional: true);
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("start")), Done(Fail("a")));
        Assert.Equal(NodeStatus.Pending, run.Nodes["join"].Status);

        (run, _) = Step(run, graph, null, Done(Fail("b")));

        Assert.Equal(NodeStatus.Failed, run.Nodes["join"].Status);
        Assert.Contains("join 'quorum: 2' can no longer be met: 0 of 3 needed node(s) succeeded, 1 still running (a failed, b failed)", run.Nodes["join"].Error, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, run.Header.Status);
        Assert.DoesNotContain(results.SelectMany(r => r.Dispatches), d => d.NodeId == "join");
    }

    [Fact]
    public void Apply_QuorumImpossibleBecauseOfConditionSkips_IsSkippedNotFailed()
    {
        var graph = Graph(
            null,
            Node("start"),
            Node("a", ["start"]).When("false"),
            Node("b", ["start"]).When("false"),
            Node("c", ["start"]),
            Node("join", ["a", "b", "c"]).Join(JoinMode.Quorum, 2));

        var (run, _) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("start")));

        Assert.Equal((NodeStatus.Skipped, SkipCauses.NeedsSkipped), (run.Nodes["join"].Status, run.Nodes["join"].SkipCause));
        Assert.Equal(RunStatus.Running, run.Header.Status); // c still runs
    }

    [Fact]
    public void Apply_JoinAnyWhenEveryNeedWasSkippedByACondition_IsSkipped()
    {
        var graph = Graph(null, Node("start"), Node("a", ["start"]).When("false"), Node("b", ["start"]).When("false"), Node("join", ["a", "b"]).Join(JoinMode.Any));

        var (run, _) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("start")));

        Assert.Equal(SkipCauses.NeedsSkipped, run.Nodes["join"].SkipCause);
        Assert.Equal(RunStatus.Succeeded, run.Header.Status);
    }

    [Fact]
    public void Apply_OptionalNodeFails_RunGoesOnAndSuccessorRuns()
    {
        var graph = Graph(null, Node("a"), Node("extra", ["a"], optional: true), Node("last", ["extra"]));
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("a")), Done(Fail("extra", error: "linter crashed")));

        Assert.Equal(NodeStatus.Failed, run.Nodes["extra"].Status);
        Assert.Equal(RunStatus.Running, run.Header.Status);
        Assert.Equal(["last"], results[^1].Dispatches.Select(d => d.NodeId));
        Assert.True(results[^1].Events.Single(e => e.Type == "node_failed").Data["optional"]!.GetValue<bool>());

        (run, var end) = Step(run, graph, null, Done(Ok("last")));
        Assert.Equal(RunStatus.Succeeded, run.Header.Status);
        Assert.Equal("extra", end.Events.Single(e => e.Type == "run_succeeded").Data["optional_failed"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Apply_OptionalNodeFailsAfterRetries_OnlyThenSuccessorsRun()
    {
        var graph = Graph(null, Node("extra", optional: true, retries: 1), Node("last", ["extra"]));
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(Fail("extra", 1)));
        Assert.Equal(["extra"], results[^1].Dispatches.Select(d => d.NodeId));

        (_, var result) = Step(run, graph, null, Done(Fail("extra", 2)));
        Assert.Equal(["last"], result.Dispatches.Select(d => d.NodeId));
    }

    [Fact]
    public void Apply_DuplicateCompletionUnderJoinAny_ChangesNothing()
    {
        var graph = Fan(JoinMode.Any);
        var (run, _) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("start")), Done(Ok("a")));

        var (_, duplicate) = Step(run, graph, null, Done(Ok("a")));

        Assert.False(duplicate.HasChanges);
    }
}
