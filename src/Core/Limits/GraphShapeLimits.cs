using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Limits;

/// <summary>Checks a parsed graph against <see cref="LimitOptions"/>: node count, depth (longest chain of <c>needs</c>) and <c>for_each</c> width.</summary>
public static class GraphShapeLimits
{
    /// <summary>Checks a graph.</summary>
    /// <param name="graph">The graph (valid, so acyclic).</param>
    /// <param name="limits">The limits.</param>
    /// <returns>One error per broken limit (code <c>too_large</c>, naming the limit and its setting), empty when it fits.</returns>
    public static IReadOnlyList<GraphError> Check(GraphDefinition graph, LimitOptions limits)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<GraphError>();
        if (graph.Nodes.Count > limits.MaxGraphNodes)
        {
            errors.Add(Error($"The graph has {graph.Nodes.Count:N0} nodes; the limit is {limits.MaxGraphNodes:N0} (Limits:MaxGraphNodes).", "nodes", null, null));
        }

        var depth = Depth(graph);
        if (depth > limits.MaxGraphDepth)
        {
            errors.Add(Error($"The graph's longest chain of needs has {depth:N0} nodes; the limit is {limits.MaxGraphDepth:N0} (Limits:MaxGraphDepth).", "nodes", null, null));
        }

        foreach (var node in graph.Nodes.Where(n => n.ForEach is { } f && f.MaxItems > limits.MaxForEachItems))
        {
            errors.Add(Error($"Node '{node.Id}' allows {node.ForEach!.MaxItems:N0} for_each instances; the limit is {limits.MaxForEachItems:N0} (Limits:MaxForEachItems). Lower its max_items.",
                $"nodes.{node.Id}.max_items", node.Line, node.Id));
        }

        return errors;
    }

    // Longest path in nodes, iteratively in file order of a topological sort (no recursion: a 10,000-deep chain is fine).
    private static int Depth(GraphDefinition graph)
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new Dictionary<string, int>(StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var ready = new Queue<string>();
        foreach (var node in graph.Nodes)
        {
            pending[node.Id] = node.Needs.Count;
            foreach (var need in node.Needs)
            {
                (dependents.TryGetValue(need, out var list) ? list : dependents[need] = []).Add(node.Id);
            }

            if (node.Needs.Count == 0)
            {
                ready.Enqueue(node.Id);
                depth[node.Id] = 1;
            }
        }

        var longest = 0;
        while (ready.TryDequeue(out var id))
        {
            longest = Math.Max(longest, depth[id]);
            foreach (var next in dependents.GetValueOrDefault(id) ?? [])
            {
                depth[next] = Math.Max(depth.GetValueOrDefault(next), depth[id] + 1);
                if (--pending[next] == 0)
                {
                    ready.Enqueue(next);
                }
            }
        }

        return longest;
    }

    private static GraphError Error(string message, string field, int? line, string? node) =>
        new(GraphErrorCodes.TooLarge, message, line, null, node, field);
}
