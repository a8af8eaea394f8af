using AgentFunctions.Core.Storage;
using Azure.Data.Tables;
using Azure;

namespace AgentFunctions.Core.Learning.Storage;

/// <content>Execution rows (<c>exec|&lt;run&gt;|&lt;node&gt;|&lt;attempt&gt;</c>): one per recorded skill execution, for accept-rate statistics.</content>
public sealed partial class KnowledgeStore
{
    /// <summary>Records an execution once; a correction of it sets <c>Corrected</c> on the same row.</summary>
    /// <returns>True when recorded now, false when it was already recorded (or already corrected).</returns>
    internal async Task<bool> TryRecordExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken)
    {
        var partition = KnowledgeKeys.Partition(execution.SkillId);
        await RegisterSkillAsync(execution.SkillId, cancellationToken);
        var row = ExecutionEntity(partition, execution.RunId, execution.NodeId, execution.Attempt, execution.SkillVersion, execution.Model, execution.CompletedAt);
        row["Corrected"] = false;
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Reads every execution of a skill as (UTC day <c>yyyy-MM-dd</c>, corrected).</summary>
    internal async Task<IReadOnlyList<(string Day, bool Corrected)>> ReadExecutionsAsync(string skillId, CancellationToken cancellationToken)
    {
        var list = new List<(string, bool)>();
        await foreach (var row in _table.QueryPrefixAsync(KnowledgeKeys.Partition(skillId), KnowledgeKeys.ExecutionPrefix, cancellationToken))
        {
            list.Add((row.GetString("Day") ?? "unknown", row.GetBoolean("Corrected") ?? false));
        }

        return list;
    }
}
