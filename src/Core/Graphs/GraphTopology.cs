namespace AgentFunctions.Core.Graphs;

/// <summary>
/// The edge structure of a graph for the scheduler: roots, leaves, direct and transitive predecessors and successors,
/// and a topological order. Edges come from <c>needs:</c> (a node's needs are its predecessors). Lists keep file order.
/// Immutable and safe to share between threads.
/// </summary>
public sealed partial class GraphTopology
{
    private readonly Dictionary<string, int> _index;
    private readonly string[] _ids;
    private readonly List<int>[] _predecessors;
    private readonly List<int>[] _successors;

    /// <summary>Builds the topology of a loaded graph.</summary>
    /// <param name="graph">The graph.</param>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    public GraphTopology(GraphDefinition graph)
        : this(Validated(graph).Nodes.Select(n => n.Id).ToList(), graph.Nodes.Select(n => n.Needs).ToList())
    {
    }

    /// <summary>Builds a topology from node ids and their needs; needs naming no node are ignored.</summary>
    internal GraphTopology(IReadOnlyList<string> ids, IReadOnlyList<IReadOnlyList<string>> needs)
    {
        _ids = [.. ids];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _ids.Length; i++)
        {
            _index.TryAdd(_ids[i], i);
        }

        _predecessors = new List<int>[_ids.Length];
        _successors = new List<int>[_ids.Length];
        for (var i = 0; i < _ids.Length; i++)
        {
            _predecessors[i] = [];
            _successors[i] = [];
        }

        for (var i = 0; i < _ids.Length; i++)
        {
            foreach (var need in needs[i].Distinct(StringComparer.Ordinal))
            {
                if (_index.TryGetValue(need, out var from))
                {
                    _predecessors[i].Add(from);
                    _successors[from].Add(i);
                }
            }
        }

        foreach (var list in _successors)
        {
            list.Sort();
        }

        Roots = Enumerable.Range(0, _ids.Length).Where(i => _predecessors[i].Count == 0).Select(i => _ids[i]).ToList();
        Leaves = Enumerable.Range(0, _ids.Length).Where(i => _successors[i].Count == 0).Select(i => _ids[i]).ToList();
    }

    /// <summary>Gets the nodes that need no other node (they start a run), in file order.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Gets the nodes no other node needs (their outputs end a run), in file order.</summary>
    public IReadOnlyList<string> Leaves { get; }

    /// <summary>Gets the nodes that directly need <paramref name="nodeId"/>, in file order.</summary>
    /// <param name="nodeId">A node id of the graph.</param>
    /// <returns>The direct successors.</returns>
    /// <exception cref="ArgumentException">The graph has no node <paramref name="nodeId"/>.</exception>
    public IReadOnlyList<string> Successors(string nodeId) => _successors[IndexOf(nodeId)].Select(i => _ids[i]).ToList();

    /// <summary>Gets the nodes <paramref name="nodeId"/> directly needs, in the order of its <c>needs:</c>.</summary>
    /// <param name="nodeId">A node id of the graph.</param>
    /// <returns>The direct predecessors.</returns>
    /// <exception cref="ArgumentException">The graph has no node <paramref name="nodeId"/>.</exception>
    public IReadOnlyList<string> Predecessors(string nodeId) => _predecessors[IndexOf(nodeId)].Select(i => _ids[i]).ToList();

    /// <summary>Gets every node that must complete before <paramref name="nodeId"/> can run (its ancestors through <c>needs:</c>).</summary>
    /// <param name="nodeId">A node id of the graph.</param>
    /// <returns>The transitive predecessors, without the node itself unless it lies on a cycle.</returns>
    /// <exception cref="ArgumentException">The graph has no node <paramref name="nodeId"/>.</exception>
    public IReadOnlySet<string> TransitivePredecessors(string nodeId) => Reach(IndexOf(nodeId), _predecessors);

    /// <summary>Gets every node downstream of <paramref name="nodeId"/> (what re-runs when a run is replayed from it).</summary>
    /// <param name="nodeId">A node id of the graph.</param>
    /// <returns>The transitive successors, without the node itself unless it lies on a cycle.</returns>
    /// <exception cref="ArgumentException">The graph has no node <paramref name="nodeId"/>.</exception>
    public IReadOnlySet<string> TransitiveSuccessors(string nodeId) => Reach(IndexOf(nodeId), _successors);

    /// <summary>Gets the nodes on the paths from <paramref name="from"/> to <paramref name="to"/>, both included (the body of a loop).</summary>
    /// <param name="from">The first node.</param>
    /// <param name="to">The last node.</param>
    /// <returns>The nodes that are <paramref name="from"/> or downstream of it, and <paramref name="to"/> or upstream of it;
    /// only <paramref name="from"/> when the two are the same node, empty when <paramref name="to"/> is not downstream of <paramref name="from"/>.</returns>
    /// <exception cref="ArgumentException">The graph has no node <paramref name="from"/> or <paramref name="to"/>.</exception>
    public IReadOnlySet<string> NodesBetween(string from, string to)
    {
        var after = TransitiveSuccessors(from).Append(from);
        var before = TransitivePredecessors(to).Append(to).ToHashSet(StringComparer.Ordinal);
        return after.Where(before.Contains).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Orders the nodes so that every node comes after the nodes it needs; of the nodes ready at each step the earliest in the file comes first (Kahn's algorithm).</summary>
    /// <returns>All node ids in a topological order.</returns>
    /// <exception cref="InvalidOperationException">The edges form a cycle (never for a graph that loaded).</exception>
    public IReadOnlyList<string> TopologicalOrder()
    {
        var remaining = _predecessors.Select(p => p.Count).ToArray();
        var ready = new SortedSet<int>(Enumerable.Range(0, _ids.Length).Where(i => remaining[i] == 0));
        var order = new List<string>(_ids.Length);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(_ids[next]);
            foreach (var successor in _successors[next])
            {
                if (--remaining[successor] == 0)
                {
                    ready.Add(successor);
                }
            }
        }

        return order.Count == _ids.Length ? order : throw new InvalidOperationException("The graph's needs form a cycle.");
    }

    private static GraphDefinition Validated(GraphDefinition graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph;
    }

    private int IndexOf(string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        return _index.TryGetValue(nodeId, out var index) ? index : throw new ArgumentException($"The graph has no node '{nodeId}'.", nameof(nodeId));
    }

    private HashSet<string> Reach(int start, List<int>[] edges)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>(edges[start]);
        while (stack.TryPop(out var current))
        {
            if (seen.Add(current))
            {
                foreach (var next in edges[current])
                {
                    stack.Push(next);
                }
            }
        }

        return seen.Select(i => _ids[i]).ToHashSet(StringComparer.Ordinal);
    }
}
