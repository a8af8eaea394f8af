using AgentFunctions.Core.Storage;

namespace AgentFunctions.Core.Orchestration.Storage;

public sealed partial class RunStore
{
    /// <summary>Writes node rows of a run that has not started yet (a replay's copied nodes), in batches of up to 100.</summary>
    /// <param name="runId">The new run.</param>
    /// <param name="nodes">The node states to write.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task that completes when every row is written.</returns>
    public async Task WriteNodesAsync(string runId, IReadOnlyList<NodeState> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var chunk in nodes.Chunk(StorageLimits.MaxTransactionActions))
        {
            var actions = new List<TableTransactionAction>();
            foreach (var node in chunk)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, await _mapper.ToEntityAsync(runId, node, cancellationToken)));
            }

            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }
}
