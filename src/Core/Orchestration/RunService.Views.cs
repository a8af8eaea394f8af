using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <content>Building the node views of <c>GET /api/runs/{id}</c>: iterations, conditions, joins, loops and fan-out instances.</content>
public sealed partial class RunService
{
    private static NodeView ToView(GraphNode node, NodeState state, IReadOnlyDictionary<string, NodeState>? rows = null) => new(
        node.Id, node.Kind == NodeKind.Skill ? "skill" : "tool", node.Target, node.Needs, state.Status.ToWire(), state.Attempt,
        state.Model, state.Provider, state.Recorded, new TokensView(state.InputTokens, state.OutputTokens), state.CostUsd,
        state.DurationMs, state.StartedAt, state.CompletedAt, state.Output, state.Error, state.Details, state.Approval)
    {
        Iteration = state.Iteration,
        SkipCause = state.SkipCause,
        PreviousOutput = state.Status == NodeStatus.Succeeded ? null : state.PreviousOutput,
        When = node.When?.Text,
        Join = node.Join.Mode == JoinMode.All ? null : node.Join.ToString(),
        ForEach = node.ForEach is { } forEach ? new ForEachView(forEach.Items.Reference, forEach.MaxItems, state.Instances) : null,
        Loop = node.Loop is { } loop ? new LoopView(loop.BackTo, loop.Until.Text, loop.MaxIterations, loop.OnExhausted.ToString().ToLowerInvariant()) : null,
        Instances = state.Instances is int count && rows is not null ? Instances(node.Id, count, rows) : null,
    };

    private static List<InstanceView> Instances(string nodeId, int count, IReadOnlyDictionary<string, NodeState> rows) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var id = NodeInstanceIds.Of(nodeId, i);
            var state = rows.GetValueOrDefault(id) ?? NodeState.Initial(id);
            return new InstanceView(id, i, state.Status.ToWire(), state.Attempt, state.Item, state.Output, state.Error, state.CostUsd, state.DurationMs, state.CompletedAt);
        })];
}
