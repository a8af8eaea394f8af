using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;
using static AgentFunctions.Core.Tests.Orchestration.SemanticsTestGraphs;
using static AgentFunctions.Core.Tests.Orchestration.TestGraphs;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>Dynamic fan-out: instances per item, ordered fan-in, empty lists, failures, the cap.</summary>
public sealed class RunTransitionForEachTests
{
    // planner -> review (for_each planner.files) -> summary
    private static GraphDefinition Fan(int maxItems = 1000, int retries = 0, bool optional = false) => Graph(
        null,
        Node("planner"),
        Node("review", ["planner"], retries: retries, optional: optional).ForEach("${{ nodes.planner.output.files }}", maxItems),
        Node("summary", ["review"]));

    private static (RunSnapshot Run, TransitionResult Last) Expanded(GraphDefinition graph, string files)
    {
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(OkWith("planner", $$"""{"files":{{files}}}""")));
        return (run, results[^1]);
    }

    [Fact]
    public void Apply_ForEach_DispatchesOneInstancePerItemWithItsItem()
    {
        var graph = Fan();
        var (run, result) = Expanded(graph, """["a.py","b.py","c.py"]""");

        Assert.Equal(["review[0]", "review[1]", "review[2]"], result.Dispatches.Select(d => d.NodeId));
        Assert.All(result.Dispatches, d => Assert.Equal((1, 1), (d.Attempt, d.Iteration)));
        Assert.Equal("b.py", run.Nodes["review[1]"].Item!.GetValue<string>());
        Assert.Equal((NodeStatus.Running, 3), (run.Nodes["review"].Status, run.Nodes["review"].Instances));
        var expanded = result.Events.Single(e => e.Type == "for_each_expanded");
        Assert.Equal((3, "review[2]"), (expanded.Data["count"]!.GetValue<int>(), expanded.Data["last"]!.GetValue<string>()));
        Assert.Equal(3, result.Events.Count(e => e.Type == "node_scheduled"));
    }

    [Fact]
    public void Apply_InstancesCompleteOutOfOrder_FanInGetsTheOrderedArrayOnce()
    {
        var graph = Fan();
        var (run, _) = Expanded(graph, """["a","b","c"]""");

        (run, var results) = Steps(run, graph, Done(OkWith("review[2]", "\"C\"")), Done(OkWith("review[0]", "\"A\"")));
        Assert.All(results, r => Assert.Empty(r.Dispatches));
        Assert.Equal(NodeStatus.Running, run.Nodes["review"].Status);

        (run, var last) = Step(run, graph, null, Done(OkWith("review[1]", "\"B\"")));

        Assert.Equal("""["A","B","C"]""", run.Nodes["review"].Output!.ToJsonString());
        Assert.Equal(NodeStatus.Succeeded, run.Nodes["review"].Status);
        Assert.Equal(["summary"], last.Dispatches.Select(d => d.NodeId));
        Assert.Equal(3, last.Events.Single(e => e.Type == "node_succeeded" && e.NodeId == "review").Data["instances"]!.GetValue<int>());
    }

    [Fact]
    public void Apply_EmptyList_SucceedsWithAnEmptyArray()
    {
        var graph = Fan();
        var (run, result) = Expanded(graph, "[]");

        Assert.Equal((NodeStatus.Succeeded, "[]"), (run.Nodes["review"].Status, run.Nodes["review"].Output!.ToJsonString()));
        Assert.Equal(["summary"], result.Dispatches.Select(d => d.NodeId));
        Assert.Equal(0, result.Events.Single(e => e.Type == "for_each_expanded").Data["count"]!.GetValue<int>());
    }

    [Fact]
    public void Apply_InstanceFailsAfterRetries_FailsTheNodeAndTheRun()
    {
        var graph = Fan(retries: 1);
        var (run, _) = Expanded(graph, """["a","b"]""");

        (run, var retry) = Step(run, graph, null, Done(Fail("review[1]", 1)));
        Assert.Equal(new WorkItemDispatch("review[1]", 2, TimeSpan.FromSeconds(1)), retry.Dispatches.Single());

        (run, _) = Step(run, graph, null, Done(Fail("review[1]", 2, "bad file")));

        Assert.Equal(NodeStatus.Failed, run.Nodes["review"].Status);
        Assert.Equal("instance review[1] failed: bad file", run.Nodes["review"].Error);
        Assert.Equal(RunStatus.Failed, run.Header.Status);
        Assert.Equal(NodeStatus.Skipped, run.Nodes["summary"].Status);

        (run, var late) = Step(run, graph, null, Done(Ok("review[0]")));
        Assert.Equal(NodeStatus.Succeeded, run.Nodes["review[0]"].Status);
        Assert.Equal(NodeStatus.Failed, run.Nodes["review"].Status);
        Assert.Empty(late.Dispatches);
    }

    [Fact]
    public void Apply_OptionalForEachInstanceFails_SuccessorReadsNullAndRunGoesOn()
    {
        var graph = Fan(optional: true);
        var (run, _) = Expanded(graph, """["a"]""");

        (run, var result) = Step(run, graph, null, Done(Fail("review[0]")));

        Assert.Equal(NodeStatus.Failed, run.Nodes["review"].Status);
        Assert.Equal(["summary"], result.Dispatches.Select(d => d.NodeId));
        Assert.Equal(RunStatus.Running, run.Header.Status);
    }

    [Fact]
    public void Apply_MoreItemsThanMaxItems_FailsTheNodeWithTheCap()
    {
        var graph = Fan(maxItems: 3);
        var (run, result) = Expanded(graph, "[1,2,3,4]");

        Assert.Empty(result.Dispatches);
        Assert.Equal(NodeStatus.Failed, run.Nodes["review"].Status);
        Assert.Contains("has 4 items, more than max_items 3", run.Nodes["review"].Error, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, run.Header.Status);
        Assert.DoesNotContain(run.Nodes.Keys, k => k.StartsWith("review[", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_ListIsNotAnArray_FailsTheNode()
    {
        var graph = Fan();
        var (run, _) = Expanded(graph, "\"a.py\"");

        Assert.Contains("must be a JSON array, but it is string", run.Nodes["review"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ListFromAnInput_Expands()
    {
        var graph = Graph(null, Node("each").ForEach("inputs.items"));
        var start = NewRun(graph) with { Header = NewRun(graph).Header with { Inputs = new JsonObject { ["items"] = new JsonArray(1, 2) } } };

        var (_, result) = Step(start, graph, null, new StartRun());

        Assert.Equal(["each[0]", "each[1]"], result.Dispatches.Select(d => d.NodeId));
    }

    [Fact]
    public void Apply_DuplicateInstanceCompletion_ChangesNothing()
    {
        var graph = Fan();
        var (run, _) = Expanded(graph, """["a","b"]""");
        (run, _) = Step(run, graph, null, Done(Ok("review[0]")));

        var (_, duplicate) = Step(run, graph, null, Done(Ok("review[0]")));

        Assert.False(duplicate.HasChanges);
    }

    [Fact]
    public void Apply_CompletionNamingTheParentNode_IsIgnored()
    {
        var graph = Fan();
        var (run, _) = Expanded(graph, """["a"]""");

        var (_, bogus) = Step(run, graph, null, Done(Ok("review")));

        Assert.False(bogus.HasChanges);
    }

    [Fact]
    public void Apply_InstancesUnderBudget_EachReservesItsNodesPlan()
    {
        var graph = Graph(0.25m, Node("planner"), Node("review", ["planner"], kind: NodeKind.Skill).ForEach("nodes.planner.output.files"));
        var reservations = new Dictionary<string, decimal> { ["review"] = 0.10m };
        var (run, _) = Step(NewRun(graph), graph, reservations, new StartRun());

        (run, var result) = Step(run, graph, reservations, Done(OkWith("planner", """{"files":[1,2,3]}""")));

        Assert.Equal(["review[0]", "review[1]"], result.Dispatches.Select(d => d.NodeId));
        Assert.Equal(RunStatus.Failed, run.Header.Status); // the third would exceed the run budget of 0.25
        Assert.Contains("instance review[2] failed: Budget:", run.Nodes["review"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ListFromANodeSkippedByACondition_IsEmpty()
    {
        var graph = Graph(
            null,
            Node("start"),
            Node("planner", ["start"]).When("false"),
            Node("review", ["start", "planner"]).ForEach("nodes.planner.output.files"));

        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("start")));

        Assert.Equal((NodeStatus.Succeeded, "[]"), (run.Nodes["review"].Status, run.Nodes["review"].Output!.ToJsonString()));
        Assert.Empty(results[^1].Dispatches);
        Assert.Equal(RunStatus.Succeeded, run.Header.Status);
    }
}
