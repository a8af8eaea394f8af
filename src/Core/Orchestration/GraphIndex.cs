using System.Runtime.CompilerServices;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <summary>A graph's <see cref="GraphTopology"/> and nodes by id, cached per graph instance for the transition function.</summary>
internal sealed class GraphIndex
{
    private static readonly ConditionalWeakTable<GraphDefinition, GraphIndex> s_cache = [];

    private GraphIndex(GraphDefinition graph)
    {
        Topology = new GraphTopology(graph);
        Nodes = graph.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
    }

    public GraphTopology Topology { get; }

    public IReadOnlyDictionary<string, GraphNode> Nodes { get; }

    public static GraphIndex For(GraphDefinition graph) => s_cache.GetValue(graph, g => new GraphIndex(g));
}
