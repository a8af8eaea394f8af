using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>Builds graphs and run snapshots for transition tests without YAML.</summary>
internal static class TestGraphs
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static GraphNode Node(string id, string[]? needs = null, int retries = 0, decimal? maxCost = null, NodeKind kind = NodeKind.Tool, bool optional = false) =>
        new(id, kind, kind == NodeKind.Tool ? "shell" : "d/s", needs ?? [], [], null,
            NodePolicy.Default with { Retries = retries, MaxCostUsd = maxCost, Optional = optional }, 1);

    public static GraphDefinition Graph(decimal? budget, params GraphNode[] nodes) => Graph(budget, BudgetPolicy.Fail, nodes);

    public static GraphDefinition Graph(decimal? budget, BudgetPolicy policy, params GraphNode[] nodes) =>
        new("g", null, [], new GraphBudget(budget, policy), nodes, "yaml", Guid.NewGuid().ToString("N"));

    public static RunSnapshot NewRun(GraphDefinition graph, decimal? budget = null) =>
        new(new RunHeader("r1", graph.Name, graph.ContentHash, RunStatus.Pending, [], T0, null, null, null, budget ?? graph.Budget.MaxCostUsd, 0, 0, 1, "http"),
            graph.Nodes.ToDictionary(n => n.Id, n => NodeState.Initial(n.Id)));

    public static NodeResult Ok(string node, int attempt = 1, decimal cost = 0) =>
        new(node, attempt, true, new JsonObject { ["node"] = node }, null, T0, T0.AddSeconds(1), null, null, false, 0, 0, cost, null);

    public static NodeResult Fail(string node, int attempt = 1, string error = "boom") =>
        new(node, attempt, false, null, error, T0, T0.AddSeconds(1), null, null, false, 0, 0, 0, null);

    /// <summary>Applies events and returns the next snapshot together with the transition.</summary>
    public static (RunSnapshot Next, TransitionResult Result) Step(
        RunSnapshot snapshot, GraphDefinition graph, IReadOnlyDictionary<string, decimal>? reservations, params OrchestratorEvent[] events) =>
        StepWith(snapshot, graph, Budget(reservations), events);

    /// <summary>Cost plans on model "test/big" for the given reservations.</summary>
    public static BudgetInputs Budget(IReadOnlyDictionary<string, decimal>? reservations, NodeCostPlan? downgrade = null) => new(
        (reservations ?? new Dictionary<string, decimal>()).ToDictionary(kv => kv.Key, kv => new NodeCostPlan("test/big", null, kv.Value, downgrade)),
        new Dictionary<string, IReadOnlyDictionary<string, string>>());

    public static (RunSnapshot Next, TransitionResult Result) StepWith(
        RunSnapshot snapshot, GraphDefinition graph, BudgetInputs budget, params OrchestratorEvent[] events)
    {
        var result = RunTransition.Apply(snapshot, graph, events, budget, T0);
        var nodes = snapshot.Nodes.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var n in result.ChangedNodes)
        {
            nodes[n.NodeId] = n;
        }

        return (new RunSnapshot(result.Header, nodes), result);
    }
}
