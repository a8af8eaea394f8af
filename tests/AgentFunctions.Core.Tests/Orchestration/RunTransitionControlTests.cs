using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;
using static AgentFunctions.Core.Tests.Orchestration.TestGraphs;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>Cancellation and the node policy <c>approval: required</c>.</summary>
public sealed class RunTransitionControlTests
{
    // a -> {b, c}; b is running (marked by its worker), c is still scheduled, d needs both.
    private static (GraphDefinition Graph, RunSnapshot Run) MidRun()
    {
        var graph = Graph(null, Node("a"), Node("b", ["a"]), Node("c", ["a"]), Node("d", ["b", "c"]));
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        (run, _) = Step(run, graph, null, new NodeCompleted(Ok("a")));
        var nodes = run.Nodes.ToDictionary(kv => kv.Key, kv => kv.Value);
        nodes["b"] = nodes["b"] with { Status = NodeStatus.Running };
        return (graph, run with { Nodes = nodes });
    }

    [Fact]
    public void Cancel_MidRun_CancelsWhatHasNotStartedAndLetsRunningNodesStop()
    {
        var (graph, run) = MidRun();

        var (after, result) = Step(run, graph, null, new CancelRun("ana", "wrong input"));

        Assert.Equal(RunStatus.Cancelled, after.Header.Status);
        Assert.Equal("Cancelled by ana: wrong input.", after.Header.Error);
        Assert.Equal(NodeStatus.Cancelled, after.Nodes["c"].Status);
        Assert.Equal(NodeStatus.Cancelled, after.Nodes["d"].Status);
        Assert.Equal(NodeStatus.Running, after.Nodes["b"].Status);
        Assert.Empty(result.Dispatches);
        Assert.Equal(["b"], result.Events.Single(e => e.Type == "run_cancelled").Data["stopping"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Cancel_Twice_SecondChangesNothing()
    {
        var (graph, run) = MidRun();
        var (cancelled, _) = Step(run, graph, null, new CancelRun(null, null));

        var (_, again) = Step(cancelled, graph, null, new CancelRun(null, null));

        Assert.False(again.HasChanges);
    }

    [Fact]
    public void Complete_AfterCancel_RecordsTheStoppedNodeAsCancelledAndSchedulesNothing()
    {
        var (graph, run) = MidRun();
        var (cancelled, _) = Step(run, graph, null, new CancelRun(null, null));

        var (after, result) = Step(cancelled, graph, null, new NodeCompleted(Fail("b", error: "Stopped: the run was cancelled while this attempt ran.")));

        Assert.Equal(NodeStatus.Cancelled, after.Nodes["b"].Status);
        Assert.Empty(result.Dispatches);
        Assert.Equal(RunStatus.Cancelled, after.Header.Status);
    }

    [Fact]
    public void ApprovalRequired_WaitsBeforeDispatch_ApprovalRunsIt_RejectionFailsTheRun()
    {
        var gated = Node("deploy", ["a"]) with { Policy = NodePolicy.Default with { ApprovalRequired = true } };
        var graph = Graph(null, Node("a"), gated);
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());
        (run, var asked) = Step(run, graph, null, new NodeCompleted(Ok("a")));

        Assert.Equal(RunStatus.AwaitingApproval, run.Header.Status);
        Assert.Equal("policy", asked.Events.Single(e => e.Type == "approval_requested").Data["kind"]!.GetValue<string>());
        Assert.Empty(asked.Dispatches);

        var (approved, granted) = Step(run, graph, null, new ApprovalDecided("deploy", true, "ops", "ship it"));
        Assert.Equal("deploy", granted.Dispatches.Single().NodeId);
        Assert.Equal(("approved", "policy", "ops"), (approved.Nodes["deploy"].Approval!["decision"]!.GetValue<string>(), approved.Nodes["deploy"].Approval!["kind"]!.GetValue<string>(), approved.Nodes["deploy"].Approval!["by"]!.GetValue<string>()));

        var (rejected, _) = Step(run, graph, null, new ApprovalDecided("deploy", false, "ops", "not today"));
        Assert.Equal(RunStatus.Failed, rejected.Header.Status);
        Assert.Contains("rejected by ops: not today", rejected.Header.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_WhileAwaitingApproval_CancelsTheWaitingNode()
    {
        var gated = Node("deploy") with { Policy = NodePolicy.Default with { ApprovalRequired = true } };
        var graph = Graph(null, gated);
        var (run, _) = Step(NewRun(graph), graph, null, new StartRun());

        var (after, _) = Step(run, graph, null, new CancelRun(null, "changed my mind"));

        Assert.Equal((RunStatus.Cancelled, NodeStatus.Cancelled), (after.Header.Status, after.Nodes["deploy"].Status));
    }
}
