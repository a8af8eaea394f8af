using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <content>
/// Deciding whether a pending node runs now, waits, is skipped or fails, from the states of the nodes it needs and its
/// join policy (<c>all</c>, <c>any</c>, <c>quorum: n</c>); then its <c>when:</c> condition and <c>for_each:</c>.
/// </content>
public sealed partial class RunMachine
{
    private enum Verdict
    {
        Wait,
        Run,
        Skip,
        Fail,
    }

    /// <summary>Runs, skips or fails a pending node whose needs may have changed; leaves it pending while it must wait.</summary>
    private void Consider(NodeState state)
    {
        var definition = _index.Nodes[state.NodeId];
        var (verdict, reason, cause) = Join(definition);
        switch (verdict)
        {
            case Verdict.Wait:
                return;
            case Verdict.Skip:
                Skip(state, reason!, cause!);
                return;
            case Verdict.Fail:
                FailNode(state, reason!, _now);
                return;
        }

        if (definition.Join.Mode != JoinMode.All)
        {
            Emit("join_satisfied", state.NodeId, Data(
                ("join", definition.Join.Mode.ToString().ToLowerInvariant()), ("quorum", definition.Join.Quorum),
                ("succeeded", Names(definition.Needs.Select(n => _nodes[n]).Where(n => n.Status == NodeStatus.Succeeded))),
                ("waiting", Names(definition.Needs.Select(n => _nodes[n]).Where(n => !n.Status.IsTerminal())))));
        }

        if (!WhenHolds(state, definition))
        {
            return;
        }

        if (definition.ForEach is { } forEach)
        {
            Expand(state, forEach);
            return;
        }

        Dispatch(state with { Attempt = 1 }, TimeSpan.Zero);
    }

    /// <summary>Gets the iteration to put in an event: null for the first, so events outside loops stay as they were.</summary>
    private static JsonNode? IterationOf(NodeState node) => node.Iteration > 1 ? node.Iteration : null;

    /// <summary>Lists node ids for an event, or null when there are none.</summary>
    private static JsonArray? Names(IEnumerable<NodeState> nodes)
    {
        var names = nodes.Select(n => (JsonNode?)n.NodeId).ToArray();
        return names.Length == 0 ? null : new JsonArray(names);
    }

    /// <summary>
    /// Applies the join policy. A needed node counts as succeeded; as satisfied-with-null when it was skipped by a condition
    /// or is optional and failed or was skipped; as blocking otherwise (failed, or skipped because the run failed).
    /// <c>all</c> runs when every need is done and none blocks, unless every need was skipped by a condition (then the node
    /// is skipped too); <c>any</c>/<c>quorum: n</c> run as soon as n needs succeeded, and when that can no longer happen
    /// fail if a need failed, else are skipped (as by a condition).
    /// </summary>
    private (Verdict Verdict, string? Reason, string? Cause) Join(GraphNode definition)
    {
        if (definition.Needs.Count == 0)
        {
            return (Verdict.Run, null, null);
        }

        // Counts kept by Set: a join over a 10,000-wide fan-in costs O(1) per step; names are looked up only for a verdict.
        var counts = _needCounts[definition.Id];
        int succeeded = counts.Succeeded, waiting = counts.Waiting;
        if (definition.Join.Mode == JoinMode.All)
        {
            return counts.Blockers > 0 ? (Verdict.Skip, $"needed node '{FirstBlocker(definition)}' did not succeed", SkipCauses.NeedFailed)
                : waiting > 0 ? (Verdict.Wait, null, null)
                : counts.BySkip == definition.Needs.Count ? (Verdict.Skip, $"every node it needs was skipped by a condition ({string.Join(", ", definition.Needs)})", SkipCauses.NeedsSkipped)
                : (Verdict.Run, null, null);
        }

        var quorum = definition.Join.Quorum;
        if (succeeded >= quorum)
        {
            return (Verdict.Run, null, null);
        }

        if (succeeded + waiting >= quorum)
        {
            return (Verdict.Wait, null, null);
        }

        var needs = definition.Needs.Select(n => _nodes[n]).ToList();
        var why = string.Join(", ", needs.Where(n => n.Status is NodeStatus.Failed or NodeStatus.Skipped)
            .Select(n => $"{n.NodeId} {(n.Status == NodeStatus.Failed ? "failed" : "was skipped")}"));
        var reason = $"join '{definition.Join}' can no longer be met: {succeeded} of {needs.Count} needed node(s) succeeded, {waiting} still running ({why})";
        return counts.Failed > 0 || counts.Blockers > 0
            ? (Verdict.Fail, reason, null)
            : (Verdict.Skip, reason, SkipCauses.NeedsSkipped);
    }

    /// <summary>Gets the first need, in <c>needs</c> order, that failed or was skipped other than by a condition and is not optional.</summary>
    private string FirstBlocker(GraphNode definition) => definition.Needs.Select(n => _nodes[n]).First(need =>
        need.Status is NodeStatus.Failed or NodeStatus.Skipped && !(need.Status == NodeStatus.Skipped && SkipCauses.IsCondition(need.SkipCause)) && !IsOptional(need)).NodeId;
}
