using Microsoft.DurableTask;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>
/// Collects what each step of a run changed and writes it to the run record through <see cref="RecordRunActivity"/>, with
/// at most one write in flight: while one is written the next steps accumulate, so a burst of completions costs one write,
/// a quiet run a write per step, and batches land in order (events never appear out of order, a header never goes back).
/// A batch whose write failed after its retries is put back and tried again after <see cref="RetryPause"/>.
/// </summary>
internal sealed class RunRecorder(TaskOrchestrationContext context, string runId, Action wake)
{
    /// <summary>Node rows per write, at most (a write is a few entity-group transactions of ≤ 100 rows).</summary>
    public const int MaxNodesPerBatch = 400;

    /// <summary>Events per write, at most.</summary>
    public const int MaxEventsPerBatch = 1000;

    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, NodeState> _nodes = new(StringComparer.Ordinal);
    private readonly List<RunEvent> _events = [];
    private RunHeader? _header;
    private string? _graphYaml;
    private bool _busy;
    private long _version;

    /// <summary>Gets whether nothing is waiting to be written and no write is in flight.</summary>
    public bool Idle => !_busy && !HasPending;

    private bool HasPending => _header is not null || _nodes.Count > 0 || _events.Count > 0;

    /// <summary>Queues the run's initial rows: the graph YAML with the first header (so the header row exists even if the
    /// API crashed before writing it) and the nodes a replay copied from its parent.</summary>
    /// <param name="graphYaml">The run's graph YAML.</param>
    /// <param name="copied">Copied node states.</param>
    public void Start(string graphYaml, IReadOnlyList<NodeState> copied)
    {
        _graphYaml = graphYaml;
        foreach (var node in copied)
        {
            _nodes[node.NodeId] = node;
        }
    }

    /// <summary>Queues the changes of a step.</summary>
    /// <param name="result">The step's changes.</param>
    public void Add(TransitionResult result)
    {
        if (!result.HasChanges)
        {
            return; // a duplicate or stale completion: nothing to write
        }

        _header = result.Header;
        foreach (var node in result.ChangedNodes)
        {
            _nodes[node.NodeId] = node;
        }

        _events.AddRange(result.Events);
    }

    /// <summary>Starts a write of what is queued unless one is in flight.</summary>
    public void FlushIfIdle()
    {
        if (!_busy && HasPending)
        {
            _ = WriteAsync(Take());
        }
    }

    // The next batch: up to the limits, in event order; the header rides with the batch that empties the queue.
    private RunRecordBatch Take()
    {
        var nodes = _nodes.Values.Take(MaxNodesPerBatch).Select(Slim).ToList();
        foreach (var node in nodes)
        {
            _nodes.Remove(node.NodeId);
        }

        var events = _events.Take(MaxEventsPerBatch).ToList();
        _events.RemoveRange(0, events.Count);
        var last = _nodes.Count == 0 && _events.Count == 0;
        var batch = new RunRecordBatch(runId, last ? _header : null, nodes, events) { GraphYaml = last ? _graphYaml : null, Version = ++_version };
        if (last)
        {
            _header = null;
            _graphYaml = null;
        }

        return batch;
    }

    private async Task WriteAsync(RunRecordBatch batch)
    {
        _busy = true;
        try
        {
            await context.CallActivityAsync(DurableNames.RecordRunActivity, batch, DurableRetries.Infrastructure);
        }
        catch (TaskFailedException)
        {
            PutBack(batch);
            await context.CreateTimer(RetryPause, CancellationToken.None);
        }

        _busy = false;
        wake();
    }

    // A failed batch goes back in front of what came since; newer states of the same nodes win.
    private void PutBack(RunRecordBatch batch)
    {
        foreach (var node in batch.Nodes)
        {
            _nodes.TryAdd(node.NodeId, node);
        }

        _events.InsertRange(0, batch.Events);
        _header ??= batch.Header;
        _graphYaml ??= batch.GraphYaml;
    }

    // Outputs and details of a node that ended by an attempt are in that attempt's row already: not written twice.
    private static NodeState Slim(NodeState node) =>
        node.Instances is null && node.Attempt >= 1 && node.Details?["copied_from"] is null
        && node.Status is NodeStatus.Succeeded or NodeStatus.Failed or NodeStatus.Cancelled
            ? node with { Output = null, Details = null }
            : node;
}
