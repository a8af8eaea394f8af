namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>A queue message committed with a transition and sent after the commit.</summary>
/// <param name="Queue">The queue name.</param>
/// <param name="Text">The message text (already wrapped if large).</param>
/// <param name="DelayMs">Initial invisibility in milliseconds (retry back-off).</param>
public sealed record OutboxMessage(string Queue, string Text, long DelayMs);

/// <summary>One stored outbox row.</summary>
/// <param name="RowKey">Its row key.</param>
/// <param name="Messages">The messages it holds.</param>
public sealed record OutboxRow(string RowKey, IReadOnlyList<OutboxMessage> Messages);

/// <summary>A run partition loaded by the orchestrator.</summary>
/// <param name="Header">The header.</param>
/// <param name="HeaderETag">The header's ETag (the concurrency token of every commit).</param>
/// <param name="GraphYaml">The graph YAML the run executes.</param>
/// <param name="Nodes">Node rows present (nodes never written are pending and absent here).</param>
/// <param name="Outbox">Outbox rows not yet flushed.</param>
public sealed record LoadedRun(
    RunHeader Header,
    string HeaderETag,
    string GraphYaml,
    IReadOnlyDictionary<string, NodeState> Nodes,
    IReadOnlyList<OutboxRow> Outbox);

/// <summary>What <see cref="RunStore.CommitAsync"/> wrote.</summary>
/// <param name="Outbox">The outbox row to flush, or null when the step sends nothing.</param>
/// <param name="HeaderETag">The header's ETag after the commit (the concurrency token of the next step).</param>
public sealed record CommitResult(OutboxRow? Outbox, string HeaderETag);
