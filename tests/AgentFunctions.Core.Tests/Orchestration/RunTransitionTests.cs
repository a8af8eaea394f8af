using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;
using static AgentFunctions.Core.Tests.Orchestration.TestGraphs;

namespace AgentFunctions.Core.Tests.Orchestration;

public sealed class RunTransitionTests
{
    // planner -> {a, b, c} -> join -> last
    private static GraphDefinition FanOutFanIn(decimal? budget = null) => Graph(
        budget,
        Node("planner"),
        Node("a", ["planner"]),
        Node("b", ["planner"]),
        Node("c", ["planner"]),
        Node("join", ["a", "b", "c"]),
        Node("last", ["join"]));

    [Fact]
    public void Apply_Start_MarksRunningAndDispatchesOnlyRoots()
    {
        var graph = FanOutFanIn();
        var (next, result) = Step(NewRun(graph), graph, null, new StartRun());

        Assert.Equal(RunStatus.Running, next.Header.Status);
        Assert.Equal(["planner"], result.Dispatches.Select(d => d.NodeId));
        Assert.Equal(NodeStatus.Scheduled, next.Nodes["planner"].Status);
        Assert.Equal(1, next.Nodes["planner"].Attempt);
        Assert.Equal(["run_started", "node_scheduled"], result.Events.Select(e => e.Type));
        Assert.Equal([1L, 2L], result.Events.Select(e => e.Seq));
    }

    [Fact]
    public void Apply_RootSucceeds_FansOutToAllSuccessors()
    {
        var graph = FanOutFanIn();
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        var (next, result) = Step(run, graph, null, new NodeCompleted(Ok("planner")));

        Assert.Equal(["a", "b", "c"], result.Dispatches.Select(d => d.NodeId).Order());
        Assert.Equal(NodeStatus.Pending, next.Nodes["join"].Status);
    }

    [Fact]
    public void Apply_FanIn_WaitsForEveryNeededNode()
    {
        var graph = FanOutFanIn();
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        (run, _) = Step(run, graph, null, new NodeCompleted(Ok("planner")));
        (run, var afterTwo) = Step(run, graph, null, new NodeCompleted(Ok("a")), new NodeCompleted(Ok("b")));
        Assert.Empty(afterTwo.Dispatches);
        Assert.Equal(NodeStatus.Pending, run.Nodes["join"].Status);

        (run, var afterThree) = Step(run, graph, null, new NodeCompleted(Ok("c")));
        Assert.Equal(["join"], afterThree.Dispatches.Select(d => d.NodeId));
    }

    [Fact]
    public void Apply_AllNodesSucceed_RunSucceeds()
    {
        var graph = Graph(null, Node("x"), Node("y", ["x"]));
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        (run, _) = Step(run, graph, null, new NodeCompleted(Ok("x")));
        (run, var result) = Step(run, graph, null, new NodeCompleted(Ok("y")));

        Assert.Equal(RunStatus.Succeeded, run.Header.Status);
        Assert.Equal(TestGraphs.T0, run.Header.CompletedAt);
        Assert.Equal("run_succeeded", result.Events[^1].Type);
    }

    [Fact]
    public void Apply_DuplicateCompletion_ChangesNothing()
    {
        var graph = Graph(null, Node("x"), Node("y", ["x"]));
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        (run, _) = Step(run, graph, null, new NodeCompleted(Ok("x")));
        var (again, duplicate) = Step(run, graph, null, new NodeCompleted(Ok("x")));

        Assert.False(duplicate.HasChanges);
        Assert.Equal(run.Header, again.Header);
    }

    [Fact]
    public void Apply_StaleAttemptCompletion_IsIgnored()
    {
        var graph = Graph(null, Node("x", retries: 1));
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        (run, _) = Step(run, graph, null, new NodeCompleted(Fail("x", 1)));
        Assert.Equal(2, run.Nodes["x"].Attempt);

        var (_, stale) = Step(run, graph, null, new NodeCompleted(Ok("x", 1)));
        Assert.False(stale.HasChanges);
    }

    [Fact]
    public void Apply_SecondStart_IsIgnored()
    {
        var graph = Graph(null, Node("x"));
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        var (_, again) = Step(run, graph, null, new StartRun());
        Assert.False(again.HasChanges);
    }

    [Fact]
    public void Apply_FailureWithRetriesLeft_RedispatchesWithBackoff()
    {
        var graph = Graph(null, Node("x", retries: 2));
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        (run, var first) = Step(run, graph, null, new NodeCompleted(Fail("x", 1)));
        Assert.Equal(new WorkItemDispatch("x", 2, TimeSpan.FromSeconds(1)), first.Dispatches.Single());
        Assert.Equal("node_retry_scheduled", first.Events.Single().Type);

        (run, var second) = Step(run, graph, null, new NodeCompleted(Fail("x", 2)));
        Assert.Equal(new WorkItemDispatch("x", 3, TimeSpan.FromSeconds(2)), second.Dispatches.Single());
        Assert.Equal(RunStatus.Running, run.Header.Status);
    }

    [Fact]
    public void Apply_FailureWithoutRetries_FailsNodeAndRunAndSkipsPending()
    {
        var graph = FanOutFanIn();
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        (run, _) = Step(run, graph, null, new NodeCompleted(Ok("planner")));
        (run, var result) = Step(run, graph, null, new NodeCompleted(Fail("a", error: "tests failed")));

        Assert.Equal(RunStatus.Failed, run.Header.Status);
        Assert.Contains("Node 'a' failed: tests failed", run.Header.Error, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Skipped, run.Nodes["join"].Status);
        Assert.Equal(NodeStatus.Skipped, run.Nodes["last"].Status);
        // A work item not yet taken is withdrawn (a worker taking it finds the node cancelled); its completion, if a worker
        // had taken it just before, is still recorded (see the next test).
        Assert.Equal(NodeStatus.Cancelled, run.Nodes["b"].Status);
        Assert.Contains("before this attempt started", run.Nodes["b"].Error, StringComparison.Ordinal);
        Assert.Contains(result.Events, e => e.Type == "run_failed");
    }

    [Fact]
    public void Apply_FailureWhileAnotherNodeRuns_LeavesItRunningAndRecordsItsCompletion()
    {
        var graph = FanOutFanIn();
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        (run, _) = Step(run, graph, null, new NodeCompleted(Ok("planner")));
        var nodes = new Dictionary<string, NodeState>(run.Nodes) { ["b"] = run.Nodes["b"] with { Status = NodeStatus.Running } };
        (run, _) = Step(run with { Nodes = nodes }, graph, null, new NodeCompleted(Fail("a")));
        Assert.Equal(NodeStatus.Running, run.Nodes["b"].Status);

        (run, _) = Step(run, graph, null, new NodeCompleted(Ok("b", cost: 0.02m)));
        Assert.Equal(NodeStatus.Succeeded, run.Nodes["b"].Status);
        Assert.Equal(0.02m, run.Header.SpentUsd);
    }

    [Fact]
    public void Apply_CompletionAfterRunFailed_RecordsCostButSchedulesNothing()
    {
        var graph = FanOutFanIn();
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        (run, _) = Step(run, graph, null, new NodeCompleted(Ok("planner")));
        (run, _) = Step(run, graph, null, new NodeCompleted(Fail("a")));
        (run, var late) = Step(run, graph, null, new NodeCompleted(Ok("b", cost: 0.01m)));

        Assert.Equal(NodeStatus.Succeeded, run.Nodes["b"].Status);
        Assert.Equal(0.01m, run.Header.SpentUsd);
        Assert.Empty(late.Dispatches);
        Assert.Equal(RunStatus.Failed, run.Header.Status);
    }

    [Fact]
    public void Apply_ReservationOverRunBudget_FailsBeforeDispatch()
    {
        var graph = Graph(0.10m, Node("x", kind: NodeKind.Skill), Node("y", ["x"], kind: NodeKind.Skill));
        var reservations = new Dictionary<string, decimal> { ["x"] = 0.06m, ["y"] = 0.06m };
        var (run, _) = Step(NewRun(graph), graph, reservations, new StartRun());
        Assert.Equal(0.06m, run.Header.ReservedUsd);

        (run, var result) = Step(run, graph, reservations, new NodeCompleted(Ok("x", cost: 0.05m)));

        Assert.Empty(result.Dispatches);
        Assert.Equal(NodeStatus.Failed, run.Nodes["y"].Status);
        Assert.StartsWith("Budget:", run.Nodes["y"].Error, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, run.Header.Status);
        var budget = result.Events.Single(e => e.Type == "budget_exceeded");
        Assert.Equal("run", budget.Data["scope"]!.GetValue<string>());
        Assert.Equal(0.05m, run.Header.SpentUsd);
        Assert.Equal(0m, run.Header.ReservedUsd);
    }

    [Fact]
    public void Apply_ReservationOverNodeMax_FailsBeforeDispatch()
    {
        var graph = Graph(null, Node("x", maxCost: 0.01m, kind: NodeKind.Skill));
        var (run, result) = Step(NewRun(graph), graph, new Dictionary<string, decimal> { ["x"] = 0.02m }, new StartRun());

        Assert.Empty(result.Dispatches);
        Assert.Equal(NodeStatus.Failed, run.Nodes["x"].Status);
        Assert.Equal("node", result.Events.Single(e => e.Type == "budget_exceeded").Data["scope"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_Completion_ReplacesReservationWithActualCost()
    {
        var graph = Graph(1m, Node("x", kind: NodeKind.Skill));
        var reservations = new Dictionary<string, decimal> { ["x"] = 0.2m };
        var (run, _) = Step(NewRun(graph), graph, reservations, new StartRun());
        (run, _) = Step(run, graph, reservations, new NodeCompleted(Ok("x", cost: 0.003m)));

        Assert.Equal(0m, run.Header.ReservedUsd);
        Assert.Equal(0.003m, run.Header.SpentUsd);
        Assert.Equal(0.003m, run.Nodes["x"].CostUsd);
    }

    [Fact]
    public void Apply_EventsAreNumberedContinuouslyAcrossSteps()
    {
        var graph = FanOutFanIn();
        var run = NewRun(graph);
        var seqs = new List<long>();
        foreach (var ev in new OrchestratorEvent[] { new StartRun(), new NodeCompleted(Ok("planner")), new NodeCompleted(Ok("a")) })
        {
            (run, var result) = Step(run, graph, null, ev);
            seqs.AddRange(result.Events.Select(e => e.Seq));
        }

        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(seqs.Count + 1, run.Header.NextEventSeq);
    }

    [Fact]
    public void RetryDelay_DoublesAndCaps()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), RunTransition.RetryDelay(2));
        Assert.Equal(TimeSpan.FromSeconds(4), RunTransition.RetryDelay(4));
        Assert.Equal(RunTransition.MaxRetryDelay, RunTransition.RetryDelay(20));
    }

    [Fact]
    public void Apply_CompletionWithRoutingAndRepair_EmitsRoutingDecidedAndOutputRepairedEvents()
    {
        var graph = Graph(null, Node("x", kind: NodeKind.Skill));
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        var details = new System.Text.Json.Nodes.JsonObject
        {
            ["routing"] = new System.Text.Json.Nodes.JsonObject { ["route"] = "hr/resume-screen", ["method"] = "keywords" },
            ["repair"] = new System.Text.Json.Nodes.JsonObject { ["succeeded"] = true },
        };

        var (_, result) = Step(run, graph, null, new NodeCompleted(Ok("x") with { Details = details }));

        Assert.Equal("hr/resume-screen", result.Events.Single(e => e.Type == "routing_decided").Data["route"]!.GetValue<string>());
        Assert.True(result.Events.Single(e => e.Type == "output_repaired").Data["succeeded"]!.GetValue<bool>());
    }
}
