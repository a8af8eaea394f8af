using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;
using static AgentFunctions.Core.Tests.Orchestration.SemanticsTestGraphs;
using static AgentFunctions.Core.Tests.Orchestration.TestGraphs;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>Bounded refinement loops: iterate until the condition holds, give up after N, ignore stale iterations.</summary>
public sealed class RunTransitionLoopTests
{
    private const string Passed = "nodes.tester.output.passed == true";

    // planner -> coder -> tester (loop back to coder) -> release
    private static GraphDefinition Pipeline(int max = 3, LoopExhaustion onExhausted = LoopExhaustion.Fail) => Graph(
        null,
        Node("planner"),
        Node("coder", ["planner"]),
        Node("tester", ["coder"]).Loop("coder", Passed, max, onExhausted),
        Node("release", ["tester"]));

    private static RunSnapshot FirstTestFailed(GraphDefinition graph) =>
        Steps(NewRun(graph), graph, new StartRun(), Done(Ok("planner")), Done(OkWith("coder", """{"v":1}""")), Done(OkWith("tester", """{"passed":false,"report":"2 failed"}"""))).Run;

    [Fact]
    public void Apply_UntilFalse_StartsIterationTwoFromBackTo()
    {
        var graph = Pipeline();
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("planner")), Done(OkWith("coder", """{"v":1}""")));
        (run, var result) = Step(run, graph, null, Done(OkWith("tester", """{"passed":false,"report":"2 failed"}""")));

        var started = result.Events.Single(e => e.Type == "loop_iteration_started");
        Assert.Equal((2, "coder"), (started.Data["iteration"]!.GetValue<int>(), started.Data["back_to"]!.GetValue<string>()));
        Assert.Equal("until 'nodes.tester.output.passed == true' was false after iteration 1", started.Data["reason"]!.GetValue<string>());
        Assert.Equal(["coder", "tester"], started.Data["nodes"]!.AsArray().Select(n => n!.GetValue<string>()));
        var dispatch = result.Dispatches.Single();
        Assert.Equal(("coder", 2, 1), (dispatch.NodeId, dispatch.Iteration, dispatch.Attempt));
        Assert.Equal((NodeStatus.Pending, 2), (run.Nodes["tester"].Status, run.Nodes["tester"].Iteration));
        Assert.Equal("2 failed", run.Nodes["tester"].PreviousOutput!["report"]!.GetValue<string>()); // the coder reads this report
        Assert.Equal(1, run.Nodes["planner"].Iteration);
        Assert.Equal(NodeStatus.Pending, run.Nodes["release"].Status);
        Assert.DoesNotContain(results.SelectMany(r => r.Dispatches), d => d.NodeId == "release");
    }

    [Fact]
    public void Apply_PassesOnIterationTwo_LoopCompletesAndTheRunGoesOn()
    {
        var graph = Pipeline();
        var (run, results) = Steps(FirstTestFailed(graph), graph,
            Done(OkWith("coder", """{"v":2}""", iteration: 2)),
            Done(OkWith("tester", """{"passed":true}""", iteration: 2)));

        Assert.Equal(["tester"], results[0].Dispatches.Select(d => d.NodeId));
        Assert.Equal(2, results[0].Dispatches[0].Iteration);
        Assert.Equal(["release"], results[1].Dispatches.Select(d => d.NodeId));
        Assert.Equal(1, results[1].Dispatches[0].Iteration);
        Assert.Equal(2, results[1].Events.Single(e => e.Type == "loop_completed").Data["iterations"]!.GetValue<int>());
        Assert.Equal((NodeStatus.Succeeded, 2), (run.Nodes["tester"].Status, run.Nodes["tester"].Iteration));
        Assert.Equal(2, run.Nodes["coder"].Output!["v"]!.GetValue<int>());

        (run, _) = Step(run, graph, null, Done(Ok("release")));
        Assert.Equal(RunStatus.Succeeded, run.Header.Status);
    }

    [Fact]
    public void Apply_NeverPasses_GivesUpAfterMaxIterationsAndFailsTheRun()
    {
        var graph = Pipeline(max: 2);
        var (run, results) = Steps(FirstTestFailed(graph), graph,
            Done(OkWith("coder", "{}", iteration: 2)),
            Done(OkWith("tester", """{"passed":false}""", iteration: 2)));

        Assert.Equal(NodeStatus.Failed, run.Nodes["tester"].Status);
        Assert.Equal("The loop gave up after 2 iteration(s) (max_iterations 2): until 'nodes.tester.output.passed == true' was still false.", run.Nodes["tester"].Error);
        Assert.Equal(RunStatus.Failed, run.Header.Status);
        Assert.Equal(NodeStatus.Skipped, run.Nodes["release"].Status);
        Assert.Equal("fail", results[^1].Events.Single(e => e.Type == "loop_exhausted").Data["on_exhausted"]!.GetValue<string>());
        Assert.DoesNotContain(results[^1].Events, e => e.Type == "loop_iteration_started");
    }

    [Fact]
    public void Apply_NeverPassesWithContinue_GoesOnWithTheLastOutput()
    {
        var graph = Pipeline(max: 1, onExhausted: LoopExhaustion.Continue);
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("planner")), Done(Ok("coder")), Done(OkWith("tester", """{"passed":false}""")));

        Assert.Equal(NodeStatus.Succeeded, run.Nodes["tester"].Status);
        Assert.Equal(["release"], results[^1].Dispatches.Select(d => d.NodeId));
        Assert.Single(results[^1].Events, e => e.Type == "loop_exhausted");
    }

    [Fact]
    public void Apply_CompletionFromAnOlderIteration_IsIgnored()
    {
        var graph = Pipeline();
        var run = FirstTestFailed(graph);
        Assert.Equal((NodeStatus.Scheduled, 2, 1), (run.Nodes["coder"].Status, run.Nodes["coder"].Iteration, run.Nodes["coder"].Attempt));

        var (_, stale) = Step(run, graph, null, Done(OkWith("coder", """{"v":"late"}""", iteration: 1)));
        var (_, staleTester) = Step(run, graph, null, Done(OkWith("tester", """{"passed":true}""", iteration: 1)));

        Assert.False(stale.HasChanges);
        Assert.False(staleTester.HasChanges);
    }

    [Fact]
    public void Apply_DuplicateCompletionInIterationTwo_ChangesNothing()
    {
        var graph = Pipeline();
        var (run, _) = Step(FirstTestFailed(graph), graph, null, Done(OkWith("coder", "{}", iteration: 2)));

        var (_, duplicate) = Step(run, graph, null, Done(OkWith("coder", "{}", iteration: 2)));

        Assert.False(duplicate.HasChanges);
    }

    [Fact]
    public void Apply_FailureInIterationTwo_RetriesInThatIteration()
    {
        var graph = Graph(null, Node("coder", retries: 1), Node("tester", ["coder"]).Loop("coder", Passed));
        var (run, _) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("coder")), Done(OkWith("tester", """{"passed":false}""")));

        var (_, retry) = Step(run, graph, null, Done(FailIn("coder", iteration: 2)));

        Assert.Equal(("coder", 2, 2), (retry.Dispatches.Single().NodeId, retry.Dispatches.Single().Attempt, retry.Dispatches.Single().Iteration));
    }

    [Fact]
    public void Apply_LoopBackToItself_RerunsOnlyThatNode()
    {
        var graph = Graph(null, Node("a"), Node("poll", ["a"]).Loop("poll", "nodes.poll.output.ready", max: 5));
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(Ok("a")), Done(OkWith("poll", """{"ready":false}""")));

        Assert.Equal(("poll", 2), (results[^1].Dispatches.Single().NodeId, results[^1].Dispatches.Single().Iteration));

        (run, _) = Step(run, graph, null, Done(OkWith("poll", """{"ready":true}""", iteration: 2)));
        Assert.Equal(RunStatus.Succeeded, run.Header.Status);
    }

    [Fact]
    public void Apply_UntilCannotBeEvaluated_FailsTheLoopNode()
    {
        var graph = Graph(null, Node("t").Loop("t", "nodes.t.output.score > 0.5"));
        var (run, _) = Steps(NewRun(graph), graph, new StartRun(), Done(OkWith("t", """{"score":"high"}""")));

        Assert.Equal(NodeStatus.Failed, run.Nodes["t"].Status);
        Assert.StartsWith("The loop's until condition could not be evaluated", run.Nodes["t"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_BodyNodeStillInFlightWhenTheLoopRestarts_LosesItsReservationAndItsLateCompletionIsIgnored()
    {
        // coder -> {t1, t2} -> tester (join any): tester can finish while t2 still runs.
        var graph = Graph(
            null,
            Node("coder", kind: NodeKind.Skill),
            Node("t1", ["coder"], kind: NodeKind.Skill),
            Node("t2", ["coder"], kind: NodeKind.Skill),
            Node("tester", ["t1", "t2"]).Join(JoinMode.Any).Loop("coder", Passed));
        var costs = new Dictionary<string, decimal> { ["coder"] = 0.01m, ["t1"] = 0.02m, ["t2"] = 0.03m };
        var (run, _) = Step(NewRun(graph), graph, costs, new StartRun());
        (run, _) = Step(run, graph, costs, Done(Ok("coder")));
        (run, _) = Step(run, graph, costs, Done(Ok("t1")));
        Assert.Equal(0.03m, run.Header.ReservedUsd); // t2 in flight

        (run, var restart) = Step(run, graph, costs, Done(OkWith("tester", """{"passed":false}""")));
        Assert.Equal(0.01m, run.Header.ReservedUsd); // only coder's iteration-2 reservation
        Assert.Equal((NodeStatus.Pending, 2), (run.Nodes["t2"].Status, run.Nodes["t2"].Iteration));
        Assert.Equal(["coder"], restart.Dispatches.Select(d => d.NodeId));

        var (_, late) = Step(run, graph, costs, Done(Ok("t2")));
        Assert.False(late.HasChanges);
    }

    [Fact]
    public void Apply_OptionalLoopNodeGivesUp_RunGoesOnAndSuccessorsReadNull()
    {
        var graph = Graph(
            null,
            Node("t", optional: true).Loop("t", "nodes.t.output.ok", max: 2),
            Node("after", ["t"]).When("nodes.t.output == null"));
        var (run, results) = Steps(NewRun(graph), graph, new StartRun(), Done(OkWith("t", """{"ok":false}""")), Done(OkWith("t", """{"ok":false}""", iteration: 2)));

        Assert.Equal(NodeStatus.Failed, run.Nodes["t"].Status);
        Assert.Equal(RunStatus.Running, run.Header.Status);
        Assert.Equal(["after"], results[^1].Dispatches.Select(d => d.NodeId));
    }
}
