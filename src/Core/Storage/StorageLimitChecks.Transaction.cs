using Azure;

namespace AgentFunctions.Core.Storage;

/// <content>Entity-group transaction limits.</content>
internal static partial class StorageLimitChecks
{
    /// <summary>
    /// Checks an entity-group transaction: 1–100 actions, one partition key, one action per row key, under 4 MiB
    /// (summing entity sizes as the service counts them), and every entity within the entity limits.
    /// </summary>
    /// <param name="actions">The actions.</param>
    /// <exception cref="ArgumentException">The batch breaks a batch rule.</exception>
    /// <exception cref="TableTransactionFailedException">400 naming the index of an action whose entity breaks an entity limit.</exception>
    public static void CheckTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is < 1 or > StorageLimits.MaxTransactionActions)
        {
            throw new ArgumentException(
                $"A transaction holds 1-{StorageLimits.MaxTransactionActions} actions; this one has {actions.Count}.", nameof(actions));
        }

        var partitionKey = actions[0]?.Entity?.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        long totalBytes = 0;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException($"Action {i} is null.", nameof(actions));
            var entity = action.Entity ?? throw new ArgumentException($"Action {i} has no entity.", nameof(actions));
            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"All actions of a transaction must share one partition key; action {i} has '{entity.PartitionKey}', action 0 has '{partitionKey}'.",
                    nameof(actions));
            }

            if (!rowKeys.Add(entity.RowKey))
            {
                throw new ArgumentException($"A transaction may touch each entity once; row key '{entity.RowKey}' appears again at action {i}.", nameof(actions));
            }

            if (!Enum.IsDefined(action.ActionType))
            {
                throw new ArgumentException($"Action {i} has an unknown action type {action.ActionType}.", nameof(actions));
            }

            totalBytes += EntitySize(entity);
        }

        if (totalBytes >= StorageLimits.MaxTransactionBytes)
        {
            throw new ArgumentException(
                $"The transaction is {totalBytes} bytes as the service counts them; it must be under {StorageLimits.MaxTransactionBytes}.", nameof(actions));
        }

        for (var i = 0; i < actions.Count; i++)
        {
            try
            {
                if (actions[i].ActionType == TableTransactionActionType.Delete)
                {
                    CheckKey(actions[i].Entity.PartitionKey, "PartitionKey");
                    CheckKey(actions[i].Entity.RowKey, "RowKey");
                }
                else
                {
                    CheckEntity(actions[i].Entity);
                }
            }
            catch (RequestFailedException ex)
            {
                throw new TableTransactionFailedException(ex.Status, ex.ErrorCode, i, $"Action {i}: {ex.Message}");
            }
        }
    }
}
