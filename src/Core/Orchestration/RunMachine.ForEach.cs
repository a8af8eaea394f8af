using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <content>Dynamic fan-out: expanding a <c>for_each</c> node into instances, and ending it when its instances end.</content>
public sealed partial class RunMachine
{
    /// <summary>
    /// Evaluates the node's list and dispatches one instance per item (<c>id[0]</c>, <c>id[1]</c> …). An empty list (or
    /// null, from a skipped node) succeeds at once with <c>[]</c>; a value that is not a list, or longer than
    /// <c>max_items</c>, fails the node.
    /// </summary>
    private void Expand(NodeState state, NodeForEach forEach)
    {
        JsonNode? list;
        try
        {
            list = forEach.Items.Evaluate(_header.Inputs, Outputs);
        }
        catch (GraphExpressionException ex)
        {
            FailNode(state, $"for_each could not be evaluated: {ex.Message}", _now);
            return;
        }

        var items = list switch
        {
            null => [],
            JsonArray array => array,
            _ => null,
        };
        if (items is null)
        {
            FailNode(state, $"for_each '{forEach.Items.Reference}' must be a JSON array, but it is {list!.GetValueKind().ToString().ToLowerInvariant()}: {Excerpt(list)}.", _now);
            return;
        }

        if (items.Count > forEach.MaxItems)
        {
            FailNode(state, $"for_each '{forEach.Items.Reference}' has {items.Count} items, more than max_items {forEach.MaxItems}; raise max_items (at most {NodeForEach.MaxItemsLimit}) or shorten the list.", _now);
            return;
        }

        Emit("for_each_expanded", state.NodeId, Data(
            ("count", items.Count), ("max_items", forEach.MaxItems), ("items", forEach.Items.Reference),
            ("first", items.Count > 0 ? NodeInstanceIds.Of(state.NodeId, 0) : null),
            ("last", items.Count > 0 ? NodeInstanceIds.Of(state.NodeId, items.Count - 1) : null)));
        if (items.Count == 0)
        {
            Set(state with { Status = NodeStatus.Succeeded, Attempt = 1, Instances = 0, Output = new JsonArray(), Error = null, ScheduledAt = _now, CompletedAt = _now });
            Emit("node_succeeded", state.NodeId, Data(("instances", 0), ("iteration", IterationOf(state))));
            EnqueueSuccessors(state.NodeId);
            return;
        }

        Set(state with { Status = NodeStatus.Running, Attempt = 1, Instances = items.Count, Output = null, Error = null, ScheduledAt = _now });
        for (var i = 0; i < items.Count && _nodes[state.NodeId].Status == NodeStatus.Running; i++)
        {
            var instance = NodeState.Initial(NodeInstanceIds.Of(state.NodeId, i)) with { Attempt = 1, Item = items[i]?.DeepClone(), Iteration = state.Iteration };
            Dispatch(instance, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Ends a <c>for_each</c> node once its instances allow it: it succeeds with the ordered array of their outputs when
    /// all succeeded, fails as soon as one failed (after its retries), and is skipped when one was skipped (by the budget).
    /// </summary>
    private void InstanceEnded(string parentId)
    {
        var parent = _nodes[parentId];
        if (parent is not { Status: NodeStatus.Running, Instances: int count })
        {
            return; // already ended: later instance completions are recorded on the instances only
        }

        // Counts kept by Set: an instance ending costs O(1) until the node as a whole ends, which looks at every instance once.
        var counts = _instanceCounts.GetValueOrDefault(parentId);
        if (counts is null || (counts.Failed == 0 && counts.Skipped == 0 && counts.Succeeded < count))
        {
            return;
        }

        var instances = Enumerable.Range(0, count).Select(i => _nodes.GetValueOrDefault(NodeInstanceIds.Of(parentId, i))).ToList();
        var totals = parent with
        {
            CostUsd = instances.Sum(n => n?.CostUsd ?? 0),
            InputTokens = instances.Sum(n => n?.InputTokens ?? 0),
            OutputTokens = instances.Sum(n => n?.OutputTokens ?? 0),
        };
        if (instances.FirstOrDefault(n => n?.Status == NodeStatus.Failed) is { } failed)
        {
            FailNode(totals, $"instance {failed.NodeId} failed: {failed.Error}", _now);
        }
        else if (instances.FirstOrDefault(n => n?.Status == NodeStatus.Skipped) is { } skipped)
        {
            Skip(totals, $"instance {skipped.NodeId} was skipped: {skipped.Error}", SkipCauses.InstanceSkipped);
        }
        else
        {
            var output = new JsonArray([.. instances.Select(n => n!.Output?.DeepClone())]);
            Set(totals with { Status = NodeStatus.Succeeded, Output = output, Error = null, CompletedAt = _now });
            Emit("node_succeeded", parentId, Data(("instances", count), ("cost_usd", totals.CostUsd), ("iteration", IterationOf(parent))));
            EnqueueSuccessors(parentId);
        }
    }

    private static string Excerpt(JsonNode value)
    {
        var text = value.ToJsonString();
        return text.Length <= 120 ? text : text[..120] + "…";
    }
}
