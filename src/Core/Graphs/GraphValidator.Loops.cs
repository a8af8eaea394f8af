namespace AgentFunctions.Core.Graphs;

/// <content>Checking loops: <c>back_to</c> upstream, bodies that neither overlap nor hold fan-outs, and no edges into a body from outside.</content>
internal sealed partial class GraphValidator
{
    /// <summary>Checks every loop and returns each loop node's body (the loop node included).</summary>
    private Dictionary<string, IReadOnlySet<string>> CheckLoops(GraphDraft draft, GraphTopology topology, HashSet<string> ids)
    {
        var bodies = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in draft.Nodes.Where(n => n.Loop is not null && ids.Contains(n.Id)))
        {
            var loop = node.Loop!;
            var field = $"nodes.{node.Id}.loop";
            IReadOnlySet<string> body = new HashSet<string>([node.Id], StringComparer.Ordinal);
            if (loop.BackTo is { } backTo && !ids.Contains(backTo))
            {
                errors.Add(GraphErrorCodes.UnknownNode, $"The loop of node '{node.Id}' goes back to unknown node '{backTo}'{NameSuggestions.Hint(backTo, ids)}.", loop.BackToAt, node.Id, $"{field}.back_to");
            }
            else if (loop.BackTo is { } start && start != node.Id && !topology.TransitivePredecessors(node.Id).Contains(start))
            {
                errors.Add(GraphErrorCodes.InvalidLoop, $"The loop of node '{node.Id}' goes back to '{start}', which is not upstream of '{node.Id}'; back_to must name a node that '{node.Id}' needs (directly or through other nodes), or '{node.Id}' itself.", loop.BackToAt, node.Id, $"{field}.back_to");
            }
            else if (loop.BackTo is { } first)
            {
                body = topology.NodesBetween(first, node.Id);
            }

            bodies[node.Id] = body;
            CheckBody(draft, node, body, owner);
        }

        CheckEdgesIntoBodies(draft, bodies);
        return bodies;
    }

    private void CheckBody(GraphDraft draft, NodeDraft loopNode, IReadOnlySet<string> body, Dictionary<string, string> owner)
    {
        var field = $"nodes.{loopNode.Id}.loop";
        foreach (var member in draft.Nodes.Where(n => body.Contains(n.Id)))
        {
            if (member.ForEach is not null)
            {
                var which = member == loopNode ? $"node '{member.Id}' itself has" : $"it contains '{member.Id}', which has";
                errors.Add(GraphErrorCodes.InvalidLoop, $"The loop of node '{loopNode.Id}' cannot repeat a fan-out: {which} for_each. Move the for_each before or after the loop.", loopNode.Loop!.Key, loopNode.Id, field);
            }

            if (member != loopNode && member.Loop is not null)
            {
                errors.Add(GraphErrorCodes.InvalidLoop, $"Loops cannot be nested: the loop of node '{loopNode.Id}' contains node '{member.Id}', which has a loop of its own.", loopNode.Loop!.Key, loopNode.Id, field);
            }
            else if (owner.TryGetValue(member.Id, out var other))
            {
                errors.Add(GraphErrorCodes.InvalidLoop, $"Loops cannot overlap: node '{member.Id}' is in the loop of '{other}' and in the loop of '{loopNode.Id}'.", loopNode.Loop!.Key, loopNode.Id, field);
            }
            else
            {
                owner[member.Id] = loopNode.Id;
            }
        }
    }

    /// <summary>Reports nodes outside a loop that need a node inside it other than the loop node (they would see an unfinished iteration).</summary>
    private void CheckEdgesIntoBodies(GraphDraft draft, Dictionary<string, IReadOnlySet<string>> bodies)
    {
        foreach (var node in draft.Nodes)
        {
            foreach (var (need, at) in node.Needs)
            {
                var loop = bodies.FirstOrDefault(kv => kv.Key != need && kv.Value.Contains(need) && !kv.Value.Contains(node.Id)).Key;
                if (loop is not null)
                {
                    errors.Add(GraphErrorCodes.InvalidLoop, $"Node '{node.Id}' needs '{need}', which is inside the loop that ends at '{loop}'; from outside a loop only its last node can be needed. Need '{loop}' instead (nodes after the loop can still read '{need}': they see its final iteration).", at, node.Id, $"nodes.{node.Id}.needs");
                }
            }
        }
    }
}
