namespace AgentFunctions.Core.Orchestration;

/// <content>
/// Counts kept up to date by every node change, so that a join over a fan-in of 10,000, the end of a <c>for_each</c> of
/// 10,000 instances and the end of the run are decided without looking at every node on every step.
/// </content>
public sealed partial class RunMachine
{
    private readonly Dictionary<string, NeedCounts> _needCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstanceCounts> _instanceCounts = new(StringComparer.Ordinal);

    // Nodes (and instances) not in a terminal status, and nodes waiting for a human.
    private int _open;
    private int _awaitingApproval;

    private void InitializeCounts()
    {
        foreach (var node in _graph.Nodes)
        {
            if (node.Needs.Count > 0)
            {
                _needCounts[node.Id] = new NeedCounts();
            }
        }

        foreach (var node in _nodes.Values)
        {
            Track(null, node);
        }
    }

    private void Track(NodeState? old, NodeState now)
    {
        if (old is not null)
        {
            Count(old, -1);
        }

        Count(now, +1);
    }

    private void Count(NodeState node, int delta)
    {
        if (!node.Status.IsTerminal())
        {
            _open += delta;
        }

        if (node.Status == NodeStatus.AwaitingApproval)
        {
            _awaitingApproval += delta;
        }

        if (NodeInstanceIds.TryParse(node.NodeId, out var parent, out _))
        {
            if (!_instanceCounts.TryGetValue(parent, out var instances))
            {
                _instanceCounts[parent] = instances = new InstanceCounts();
            }

            instances.Add(node.Status, delta);
            return;
        }

        if (!_index.Nodes.ContainsKey(node.NodeId))
        {
            return;
        }

        var optional = IsOptional(node);
        foreach (var successor in _index.Topology.Successors(node.NodeId))
        {
            _needCounts[successor].Add(node, optional, delta);
        }
    }

    /// <summary>How the nodes a node needs stand, by the categories its join looks at.</summary>
    private sealed class NeedCounts
    {
        public int Succeeded { get; private set; }

        public int Waiting { get; private set; }

        /// <summary>Gets the needs skipped by a condition (satisfied with null).</summary>
        public int BySkip { get; private set; }

        /// <summary>Gets the needs that failed, or were skipped for another reason, and are not optional.</summary>
        public int Blockers { get; private set; }

        /// <summary>Gets the needs that failed (optional or not).</summary>
        public int Failed { get; private set; }

        public void Add(NodeState need, bool optional, int delta)
        {
            if (need.Status == NodeStatus.Failed)
            {
                Failed += delta;
            }

            if (need.Status == NodeStatus.Succeeded)
            {
                Succeeded += delta;
            }
            else if (!need.Status.IsTerminal())
            {
                Waiting += delta;
            }
            else if (need.Status == NodeStatus.Skipped && SkipCauses.IsCondition(need.SkipCause))
            {
                BySkip += delta;
            }
            else if (need.Status is NodeStatus.Failed or NodeStatus.Skipped && !optional)
            {
                Blockers += delta;
            }
        }
    }

    /// <summary>How the instances of a <c>for_each</c> node stand.</summary>
    private sealed class InstanceCounts
    {
        public int Succeeded { get; private set; }

        public int Failed { get; private set; }

        public int Skipped { get; private set; }

        public void Add(NodeStatus status, int delta)
        {
            switch (status)
            {
                case NodeStatus.Succeeded:
                    Succeeded += delta;
                    break;
                case NodeStatus.Failed:
                    Failed += delta;
                    break;
                case NodeStatus.Skipped:
                    Skipped += delta;
                    break;
            }
        }
    }
}
