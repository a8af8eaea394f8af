using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>Helpers for the transition tests of conditions, joins, fan-out and loops.</summary>
internal static class SemanticsTestGraphs
{
    /// <summary>A successful completion with a given JSON output.</summary>
    public static NodeResult OkWith(string node, string outputJson, int attempt = 1, int iteration = 1) =>
        TestGraphs.Ok(node, attempt) with { Output = JsonNode.Parse(outputJson), Iteration = iteration };

    /// <summary>A failed completion in a given iteration.</summary>
    public static NodeResult FailIn(string node, int iteration, int attempt = 1) => TestGraphs.Fail(node, attempt) with { Iteration = iteration };

    public static GraphNode When(this GraphNode node, string condition) => node with { When = GraphCondition.Parse(condition) };

    public static GraphNode ForEach(this GraphNode node, string items, int maxItems = NodeForEach.DefaultMaxItems) =>
        node with { ForEach = new NodeForEach(GraphExpression.Parse(items), maxItems) };

    public static GraphNode Join(this GraphNode node, JoinMode mode, int quorum = 1) => node with { Join = new NodeJoin(mode, mode == JoinMode.All ? 0 : quorum) };

    public static GraphNode Loop(this GraphNode node, string backTo, string until, int max = 3, LoopExhaustion onExhausted = LoopExhaustion.Fail) =>
        node with { Loop = new NodeLoop(backTo, GraphCondition.Parse(until), max, onExhausted) };

    /// <summary>Applies several steps, each with one event, and returns the last snapshot and the transitions in order.</summary>
    public static (RunSnapshot Run, List<TransitionResult> Results) Steps(RunSnapshot run, GraphDefinition graph, params OrchestratorEvent[] events)
    {
        var results = new List<TransitionResult>();
        foreach (var e in events)
        {
            (run, var result) = TestGraphs.Step(run, graph, null, e);
            results.Add(result);
        }

        return (run, results);
    }

    public static NodeCompleted Done(NodeResult result) => new(result);
}
