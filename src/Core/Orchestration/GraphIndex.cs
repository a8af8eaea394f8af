using System.Runtime.CompilerServices;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <summary>A graph's <see cref="GraphTopology"/>, nodes by id and loop bodies, cached per graph instance for the transition function.</summary>
internal sealed class GraphIndex
{
    private static readonly ConditionalWeakTable<GraphDefinition, GraphIndex> s_cache = [];

    private GraphIndex(GraphDefinition graph)
    {
        Topology = new GraphTopology(graph);
        Nodes = graph.NodesById;
        var order = Topology.TopologicalOrder();
        LoopBodies = graph.Nodes.Where(n => n.Loop is not null).ToDictionary(
            n => n.Id,
            n =>
            {
                var body = Topology.NodesBetween(n.Loop!.BackTo, n.Id);
                return (IReadOnlyList<string>)order.Where(body.Contains).ToList();
            },
            StringComparer.Ordinal);
    }

    public GraphTopology Topology { get; }

    public IReadOnlyDictionary<string, GraphNode> Nodes { get; }

    /// <summary>Gets, for each loop node, the nodes from its <c>back_to</c> through itself in topological order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> LoopBodies { get; }

    public static GraphIndex For(GraphDefinition graph) => s_cache.GetValue(graph, g => new GraphIndex(g));

    /// <summary>Gets the graph node of a node or instance id.</summary>
    public GraphNode Definition(string id) => Nodes[NodeInstanceIds.BaseOf(id)];
}
