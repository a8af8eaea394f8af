namespace AgentFunctions.Core.Graphs;

/// <content>Cycle detection for the loader.</content>
public sealed partial class GraphTopology
{
    /// <summary>
    /// Finds one cycle per strongly connected component of more than one node (Tarjan's algorithm), each as a path in
    /// execution direction (a node, then a node that needs it, …) starting and ending at the component's earliest node
    /// in file order. Self-dependencies are not reported here.
    /// </summary>
    /// <returns>The cycles, ordered by their first node's position in the file.</returns>
    internal IReadOnlyList<IReadOnlyList<string>> FindCycles()
    {
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var component in StronglyConnectedComponents().Where(c => c.Count > 1).OrderBy(c => c.Min()))
        {
            var members = component.ToHashSet();
            var start = component.Min();
            cycles.Add(PathBack(start, members).Select(i => _ids[i]).ToList());
        }

        return cycles;
    }

    /// <summary>Breadth-first search inside one component for the shortest path from <paramref name="start"/> back to itself.</summary>
    private List<int> PathBack(int start, HashSet<int> members)
    {
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in _successors[current].Where(members.Contains))
            {
                if (next == start)
                {
                    var path = new List<int> { start };
                    for (var at = current; at != start; at = parent[at])
                    {
                        path.Add(at);
                    }

                    path.Add(start);
                    path.Reverse(1, path.Count - 2);
                    return path;
                }

                if (next != start && parent.TryAdd(next, current))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [start, start];
    }

    private List<List<int>> StronglyConnectedComponents()
    {
        var index = new int[_ids.Length];
        var low = new int[_ids.Length];
        var onStack = new bool[_ids.Length];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var components = new List<List<int>>();
        var counter = 0;

        void Visit(int v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack[v] = true;
            foreach (var w in _successors[v])
            {
                if (index[w] < 0)
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack[w])
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<int>();
                int w;
                do
                {
                    w = stack.Pop();
                    onStack[w] = false;
                    component.Add(w);
                }
                while (w != v);
                components.Add(component);
            }
        }

        for (var v = 0; v < _ids.Length; v++)
        {
            if (index[v] < 0)
            {
                Visit(v);
            }
        }

        return components;
    }
}
