namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>
/// What the orchestrator asks <see cref="RecordRunActivity"/> to write to the run record: the header as of the batch (or
/// null when a later batch carries it), the node states that changed, and events in sequence order. Batches of one run are
/// written one at a time, in order, so events appear in order and a header never goes back.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Header">The header, or null.</param>
/// <param name="Nodes">Changed node states; outputs and details that the node's attempt row already holds are left out.</param>
/// <param name="Events">New events, in sequence order.</param>
public sealed record RunRecordBatch(string RunId, RunHeader? Header, IReadOnlyList<NodeState> Nodes, IReadOnlyList<RunEvent> Events)
{
    /// <summary>
    /// Gets the batch's number in its run, from 1. A store writes a batch only if no later batch was written: the Durable
    /// Task Framework may deliver a record activity again after its completion was reported (its host died before
    /// deleting the message), and that late copy must not overwrite what later batches wrote.
    /// </summary>
    public long Version { get; init; }

    /// <summary>Gets the graph YAML to write with the header when the run's header row may not exist yet, else null.</summary>
    public string? GraphYaml { get; init; }
}
