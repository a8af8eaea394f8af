namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>
/// Completes node rows with their current attempt's row: the orchestrator writes a node's status and totals, the node
/// activity writes its attempt (claimed, then its result). A scheduled node whose attempt is claimed reads as
/// <c>running</c> with the claim time as its start; a node that ended by an attempt gets that attempt's output and details.
/// </summary>
public static class RunRecordAssembler
{
    /// <summary>Merges node rows and attempt rows.</summary>
    /// <param name="nodes">Node states by id, as the record activity wrote them.</param>
    /// <param name="attempts">Every attempt row of the run.</param>
    /// <returns>Node states by id.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyDictionary<string, NodeState> Merge(IReadOnlyDictionary<string, NodeState> nodes, IEnumerable<AttemptRow> attempts)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(attempts);
        var byKey = attempts.ToDictionary(a => (a.NodeId, a.Iteration, a.Attempt));
        var merged = new Dictionary<string, NodeState>(nodes.Count, StringComparer.Ordinal);
        foreach (var (id, node) in nodes)
        {
            merged[id] = byKey.TryGetValue((id, node.Iteration, node.Attempt), out var attempt) ? Complete(node, attempt) : node;
        }

        return merged;
    }

    private static NodeState Complete(NodeState node, AttemptRow attempt)
    {
        if (node.Status == NodeStatus.Scheduled)
        {
            return node with { Status = NodeStatus.Running, StartedAt = attempt.ClaimedAt };
        }

        if (attempt.Result is { } result && node.Output is null && node.Details is null && node.Instances is null)
        {
            return node with { Output = result.Output?.DeepClone(), Details = result.Details?.DeepClone().AsObject() };
        }

        return node;
    }
}
