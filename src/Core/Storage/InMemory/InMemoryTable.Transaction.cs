using Azure;

namespace AgentFunctions.Core.Storage.InMemory;

/// <content>Atomic entity-group transactions.</content>
internal sealed partial class InMemoryTable
{
    public IReadOnlyList<string?> Submit(IReadOnlyList<TableTransactionAction> actions)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var planned = new StoredEntity?[actions.Count];
            for (var i = 0; i < actions.Count; i++)
            {
                try
                {
                    planned[i] = Plan(actions[i], now);
                }
                catch (RequestFailedException ex)
                {
                    throw new TableTransactionFailedException(ex.Status, ex.ErrorCode, i, $"Action {i} failed, so none was applied: {ex.Message}");
                }
            }

            var partition = Partition(actions[0].Entity.PartitionKey);
            var etags = new string?[actions.Count];
            for (var i = 0; i < actions.Count; i++)
            {
                var rowKey = actions[i].Entity.RowKey;
                if (planned[i] is { } stored)
                {
                    partition[rowKey] = stored;
                    etags[i] = stored.ETag;
                }
                else
                {
                    partition.Remove(rowKey);
                }
            }

            return etags;
        }
    }
}
