using System.Runtime.CompilerServices;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <summary>Precomputed edges of a graph for the scheduler: successors of each node and the roots. Cached per graph instance.</summary>
internal sealed class GraphIndex
{
    private static readonly ConditionalWeakTable<GraphDefinition, GraphIndex> s_cache = [];

    private GraphIndex(GraphDefinition graph)
    {
        var successors = graph.Nodes.ToDictionary(n => n.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            foreach (var need in node.Needs)
            {
                successors[need].Add(node.Id);
            }
        }

        Successors = successors.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
        Roots = [.. graph.Nodes.Where(n => n.Needs.Count == 0).Select(n => n.Id)];
        Nodes = graph.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Successors { get; }

    public IReadOnlyList<string> Roots { get; }

    public IReadOnlyDictionary<string, GraphNode> Nodes { get; }

    public static GraphIndex For(GraphDefinition graph) => s_cache.GetValue(graph, g => new GraphIndex(g));
}
