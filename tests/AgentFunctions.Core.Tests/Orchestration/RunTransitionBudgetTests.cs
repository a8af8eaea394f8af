using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;
using static AgentFunctions.Core.Tests.Orchestration.TestGraphs;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>What each budget policy does when the next model call would not fit, always before the call.</summary>
public sealed class RunTransitionBudgetTests
{
    private static readonly Dictionary<string, decimal> s_expensiveB = new() { ["a"] = 0.01m, ["b"] = 0.50m, ["c"] = 0.01m };

    // a -> b -> c, all skill nodes; run budget 0.10, so b (0.50) does not fit.
    private static GraphDefinition Chain(BudgetPolicy policy, bool optionalB = false) => Graph(
        0.10m, policy,
        Node("a", kind: NodeKind.Skill),
        Node("b", ["a"], kind: NodeKind.Skill, optional: optionalB),
        Node("c", ["b"], kind: NodeKind.Skill));

    private static (RunSnapshot Run, TransitionResult Result) UpToB(GraphDefinition graph, BudgetInputs budget)
    {
        var (run, _) = StepWith(NewRun(graph), graph, budget, new StartRun());
        return StepWith(run, graph, budget, new NodeCompleted(Ok("a", cost: 0.01m)));
    }

    [Fact]
    public void Fail_NodeOverBudget_FailsBeforeDispatchWithTheReason()
    {
        var graph = Chain(BudgetPolicy.Fail);
        var (run, result) = UpToB(graph, Budget(s_expensiveB));

        Assert.Empty(result.Dispatches);
        Assert.Equal(NodeStatus.Failed, run.Nodes["b"].Status);
        Assert.Equal(RunStatus.Failed, run.Header.Status);
        var exceeded = result.Events.Single(e => e.Type == "budget_exceeded");
        Assert.Equal("fail", exceeded.Data["policy"]!.GetValue<string>());
        Assert.Contains("run budget $0.1", exceeded.Data["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_OptionalNode_IsSkippedAndItsSuccessorStillRuns()
    {
        var graph = Chain(BudgetPolicy.Skip, optionalB: true);
        var (run, result) = UpToB(graph, Budget(s_expensiveB));

        Assert.Equal(NodeStatus.Skipped, run.Nodes["b"].Status);
        Assert.StartsWith("Budget:", run.Nodes["b"].Error, StringComparison.Ordinal);
        Assert.Equal(["c"], result.Dispatches.Select(d => d.NodeId));
        Assert.Equal("skip", result.Events.Single(e => e.Type == "budget_exceeded").Data["policy"]!.GetValue<string>());
        Assert.Equal(RunStatus.Running, run.Header.Status);
    }

    [Fact]
    public void Skip_NonOptionalNode_FailsAndSaysWhy()
    {
        var graph = Chain(BudgetPolicy.Skip, optionalB: false);
        var (run, _) = UpToB(graph, Budget(s_expensiveB));

        Assert.Equal(NodeStatus.Failed, run.Nodes["b"].Status);
        Assert.Contains("not optional", run.Nodes["b"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Downgrade_CheaperModelFits_DispatchesItWithThatModel()
    {
        var graph = Chain(BudgetPolicy.Downgrade);
        var budget = Budget(s_expensiveB, downgrade: new NodeCostPlan("test/small", null, 0.02m));
        var (run, result) = UpToB(graph, budget);

        var dispatch = result.Dispatches.Single();
        Assert.Equal(("b", "test/small", 0.02m), (dispatch.NodeId, dispatch.Model, dispatch.ReservationUsd));
        Assert.Equal("test/small", run.Nodes["b"].DispatchModel);
        var downgraded = result.Events.Single(e => e.Type == "budget_downgraded");
        Assert.Equal("test/big", downgraded.Data["from"]!.GetValue<string>());
        Assert.Equal("test/small", downgraded.Data["to"]!.GetValue<string>());
    }

    [Fact]
    public void Downgrade_NothingCheaperFits_Fails()
    {
        var graph = Chain(BudgetPolicy.Downgrade);
        var (run, _) = UpToB(graph, Budget(s_expensiveB, downgrade: new NodeCostPlan("test/small", null, 0.30m)));

        Assert.Equal(NodeStatus.Failed, run.Nodes["b"].Status);
        Assert.Contains("no cheaper model", run.Nodes["b"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Approve_PausesTheRun_ApprovalDispatches_AndRejectionFails()
    {
        var graph = Chain(BudgetPolicy.Approve);
        var budget = Budget(s_expensiveB);
        var (waiting, asked) = UpToB(graph, budget);

        Assert.Empty(asked.Dispatches);
        Assert.Equal(RunStatus.AwaitingApproval, waiting.Header.Status);
        Assert.Equal(NodeStatus.AwaitingApproval, waiting.Nodes["b"].Status);
        Assert.Single(asked.Events, e => e.Type == "approval_requested");

        var (approved, granted) = StepWith(waiting, graph, budget, new ApprovalDecided("b", true, "ana", "worth it"));
        Assert.Equal(RunStatus.Running, approved.Header.Status);
        Assert.True(granted.Dispatches.Single().BudgetApproved);
        Assert.Single(granted.Events, e => e.Type == "approval_granted");

        var (rejected, _) = StepWith(waiting, graph, budget, new ApprovalDecided("b", false, "ana", "too expensive"));
        Assert.Equal(RunStatus.Failed, rejected.Header.Status);
        Assert.Contains("rejected by ana: too expensive", rejected.Nodes["b"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Approve_SecondDecision_IsIgnored()
    {
        var graph = Chain(BudgetPolicy.Approve);
        var budget = Budget(s_expensiveB);
        var (waiting, _) = UpToB(graph, budget);
        var (approved, _) = StepWith(waiting, graph, budget, new ApprovalDecided("b", true, null, null));

        var (_, again) = StepWith(approved, graph, budget, new ApprovalDecided("b", false, null, null));
        Assert.False(again.HasChanges);
    }

    [Fact]
    public void DomainDenial_AppliesThePolicyLikeARunBudget()
    {
        var graph = Graph(null, BudgetPolicy.Fail, Node("a", kind: NodeKind.Skill));
        var plans = new Dictionary<string, NodeCostPlan> { ["a"] = new("test/big", "hr", 0.01m) };
        var denials = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["a"] = new Dictionary<string, string> { ["test/big"] = "domain 'hr' daily budget $1 would be exceeded" } };

        var (run, result) = StepWith(NewRun(graph), graph, new BudgetInputs(plans, denials), new StartRun());

        Assert.Equal(NodeStatus.Failed, run.Nodes["a"].Status);
        Assert.Equal("domain", result.Events.Single(e => e.Type == "budget_exceeded").Data["scope"]!.GetValue<string>());
        Assert.Contains("domain 'hr' daily budget", run.Header.Error, StringComparison.Ordinal);
    }
}
