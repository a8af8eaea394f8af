using Microsoft.DurableTask;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <content>Dispatching node attempts: activities, durable timers for retry back-off, and sub-orchestrations for wide steps.</content>
internal sealed partial class GraphRunExecution
{
    // Outputs sent with a work item, at most (characters of JSON); larger ones the activity reads from the run record.
    private const int MaxInlineReadsChars = 8 * 1024;

    private void Dispatch(IReadOnlyList<WorkItemDispatch> dispatches)
    {
        if (dispatches.Count == 0)
        {
            return;
        }

        // First attempts of many instances of one for_each node go out in chunks, each a sub-orchestration: the run's own
        // history stays small, and the chunks spread over the task hub's partitions (and hosts).
        var wide = dispatches
            .Where(d => d.Delay == TimeSpan.Zero && d.Attempt == 1 && NodeInstanceIds.TryParse(d.NodeId, out _, out _))
            .GroupBy(d => NodeInstanceIds.BaseOf(d.NodeId), StringComparer.Ordinal)
            .Where(g => g.Count() > ForEachChunkOrchestrator.MaxInstances)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var dispatch in dispatches)
        {
            if (!wide.ContainsKey(NodeInstanceIds.BaseOf(dispatch.NodeId)) || dispatch.Delay > TimeSpan.Zero || dispatch.Attempt != 1)
            {
                _ = RunNodeAsync(dispatch);
            }
        }

        foreach (var (nodeId, group) in wide)
        {
            var chunks = group.Chunk(ForEachChunkOrchestrator.MaxInstances).ToList();
            for (var i = 0; i < chunks.Count; i++)
            {
                _ = RunChunkAsync(nodeId, i, [.. chunks[i].Select(WorkItemOf)]);
            }
        }
    }

    private async Task RunNodeAsync(WorkItemDispatch dispatch)
    {
        if (dispatch.Delay > TimeSpan.Zero)
        {
            // Azure Storage makes a timer message visible after whole seconds, so a timer can fire up to a second early:
            // when it did, wait once more, so the back-off is never shorter than asked.
            var due = _context.CurrentUtcDateTime + dispatch.Delay;
            await _context.CreateTimer(due, CancellationToken.None);
            if (_context.CurrentUtcDateTime < due)
            {
                await _context.CreateTimer(due.AddSeconds(1), CancellationToken.None);
            }

            if (!IsCurrent(dispatch))
            {
                return; // the run moved on while the back-off ran (cancelled, failed, or a new loop iteration)
            }
        }

        _inFlight++;
        _executing.Add(dispatch.NodeId);
        var item = WorkItemOf(dispatch);
        NodeResult result;
        try
        {
            result = await _context.CallActivityAsync<NodeResult>(DurableNames.NodeActivity, item, DurableRetries.Infrastructure);
        }
        catch (TaskFailedException ex)
        {
            result = DurableRetries.InfrastructureFailure(item, ex, Now);
        }

        _inFlight--;
        _executing.Remove(dispatch.NodeId);
        _ready.Enqueue(new NodeCompleted(result));
        Wake();
    }

    private async Task RunChunkAsync(string nodeId, int index, List<NodeWorkItem> items)
    {
        _inFlight += items.Count;
        _executing.UnionWith(items.Select(i => i.NodeId));
        var run = _input.Run.RunId;
        var chunk = new ForEachChunk(run, nodeId, items);
        var instanceId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{run}:{nodeId}:i{items[0].Iteration}:c{index}");
        IReadOnlyList<NodeResult> results;
        try
        {
            results = await _context.CallSubOrchestratorAsync<List<NodeResult>>(
                DurableNames.ForEachChunkOrchestrator, chunk, new SubOrchestrationOptions(DurableRetries.Infrastructure, instanceId));
        }
        catch (TaskFailedException ex)
        {
            results = [.. items.Select(i => DurableRetries.InfrastructureFailure(i, ex, Now))];
        }

        _inFlight -= items.Count;
        _executing.ExceptWith(items.Select(i => i.NodeId));
        foreach (var result in results)
        {
            _ready.Enqueue(new NodeCompleted(result));
        }

        Wake();
    }

    private bool IsCurrent(WorkItemDispatch dispatch) =>
        Machine.Nodes.TryGetValue(dispatch.NodeId, out var node)
        && node is { Status: NodeStatus.Scheduled } && node.Attempt == dispatch.Attempt && node.Iteration == dispatch.Iteration;

    // The work item for a dispatch, with the outputs its node reads as they are now, unless they are large.
    private NodeWorkItem WorkItemOf(WorkItemDispatch dispatch)
    {
        var machine = Machine;
        var node = machine.Nodes[dispatch.NodeId];
        var reads = new System.Text.Json.Nodes.JsonObject();
        foreach (var id in NodeReads.Of(machine.Graph, NodeInstanceIds.BaseOf(dispatch.NodeId)))
        {
            reads[id] = machine.Nodes.GetValueOrDefault(id)?.VisibleOutput?.DeepClone();
        }

        var plan = _budget.PlanOf(NodeInstanceIds.BaseOf(dispatch.NodeId));
        return new NodeWorkItem(_input.Run.RunId, dispatch.NodeId, dispatch.Attempt, dispatch.Iteration)
        {
            ModelOverride = dispatch.Model,
            PlannedModel = dispatch.Model ?? plan.Model,
            Domain = dispatch.Domain,
            ReservedUsd = dispatch.ReservationUsd,
            BudgetApproved = dispatch.BudgetApproved,
            InjectionApproved = dispatch.InjectionApproved,
            Item = node.Item?.DeepClone(),
            Reads = reads.ToJsonString().Length <= MaxInlineReadsChars ? reads : null,
        };
    }
}
