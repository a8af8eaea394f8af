using System.Globalization;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Storage;
using Azure.Data.Tables;
using Azure;

namespace AgentFunctions.Core.Learning.Storage;

/// <content>Correction rows (<c>corr|CORR-000001</c>) and their duplicate-detection rows (<c>dedup|&lt;hash&gt;</c>).</content>
public sealed partial class KnowledgeStore
{
    /// <summary>Lists a skill's corrections, oldest first.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The corrections.</returns>
    public async Task<IReadOnlyList<Correction>> ListCorrectionsAsync(string skillId, CancellationToken cancellationToken = default)
    {
        var list = new List<Correction>();
        await foreach (var row in _table.QueryPrefixAsync(KnowledgeKeys.Partition(skillId), KnowledgeKeys.CorrectionPrefix, cancellationToken))
        {
            list.Add(await ToCorrectionAsync(row, cancellationToken));
        }

        return [.. list.OrderBy(c => KnowledgeKeys.NumberOf(c.Id))];
    }

    /// <summary>Reads one correction.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="correctionId">The correction id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The correction, or null when it does not exist.</returns>
    public async Task<Correction?> GetCorrectionAsync(string skillId, string correctionId, CancellationToken cancellationToken = default) =>
        (await ReadCorrectionAsync(skillId, correctionId, cancellationToken))?.Value;

    internal async Task<Versioned<Correction>?> ReadCorrectionAsync(string skillId, string correctionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(correctionId);
        var row = await _table.GetOrNullAsync(KnowledgeKeys.Partition(skillId), KnowledgeKeys.Correction(correctionId), cancellationToken);
        return row is null ? null : new Versioned<Correction>(await ToCorrectionAsync(row, cancellationToken), row.ETag);
    }

    /// <summary>Stores a new correction under the next <c>CORR-</c> id, unless its duplicate row exists; marks its execution corrected in the same transaction.</summary>
    internal async Task<CorrectionAccepted> AddCorrectionAsync(Correction draft, string dedupKey, CancellationToken cancellationToken)
    {
        var partition = KnowledgeKeys.Partition(draft.SkillId);
        await RegisterSkillAsync(draft.SkillId, cancellationToken);
        var template = new TableEntity(partition, "template");
        await WriteCorrectionAsync(template, draft, cancellationToken);
        var execution = ExecutionEntity(partition, draft.RunId, draft.NodeId, draft.Attempt, draft.SkillVersion, draft.Model, draft.ExecutedAt);
        execution["Corrected"] = true;
        for (var attempt = 1; ; attempt++)
        {
            if (await _table.GetOrNullAsync(partition, dedupKey, cancellationToken) is { } existing)
            {
                var earlier = existing.GetString("CorrectionId")!;
                return new CorrectionAccepted(draft.SkillId, earlier, earlier);
            }

            var id = await TryAddWithNewIdAsync(partition, IdKinds.Correction, id =>
            {
                var row = new TableEntity(partition, KnowledgeKeys.Correction(id));
                CopyProperties(template, row);
                row["Id"] = id;
                return
                [
                    new TableTransactionAction(TableTransactionActionType.Add, row),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, dedupKey) { ["CorrectionId"] = id }),
                    new TableTransactionAction(TableTransactionActionType.UpsertMerge, execution),
                ];
            }, cancellationToken);
            if (id is not null)
            {
                return new CorrectionAccepted(draft.SkillId, id, null);
            }

            await BackOffAsync(attempt, cancellationToken);
        }
    }

    private static TableTransactionAction MarkCorrection(Versioned<Correction> correction, Action<TableEntity> set)
    {
        var row = new TableEntity(KnowledgeKeys.Partition(correction.Value.SkillId), KnowledgeKeys.Correction(correction.Value.Id));
        set(row);
        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, row, correction.ETag);
    }

    private async Task WriteCorrectionAsync(TableEntity row, Correction c, CancellationToken cancellationToken)
    {
        row["Id"] = c.Id;
        row["SkillId"] = c.SkillId;
        row["SkillVersion"] = c.SkillVersion;
        row["RunId"] = c.RunId;
        row["NodeId"] = c.NodeId;
        row["Attempt"] = c.Attempt;
        row["Text"] = c.Text;
        row["By"] = c.By;
        row["Model"] = c.Model;
        row["ExecutedAt"] = c.ExecutedAt;
        row["CreatedAt"] = c.CreatedAt;
        row["Status"] = c.Status;
        await _payloads.SetPropertyAsync(row, "Input", c.Input.ToJsonString(), cancellationToken);
        await _payloads.SetPropertyAsync(row, "Output", c.Output is null ? null : c.Output.ToJsonString(), cancellationToken);
        await _payloads.SetPropertyAsync(row, "CorrectedOutput", c.CorrectedOutput?.ToJsonString(), cancellationToken);
        await _payloads.SetPropertyAsync(row, "OutputSchema", c.OutputSchema?.ToJsonString(), cancellationToken);
    }

    private async Task<Correction> ToCorrectionAsync(TableEntity row, CancellationToken cancellationToken) => new()
    {
        Id = row.GetString("Id")!,
        SkillId = row.GetString("SkillId")!,
        SkillVersion = row.GetString("SkillVersion") ?? string.Empty,
        RunId = row.GetString("RunId")!,
        NodeId = row.GetString("NodeId")!,
        Attempt = (int)(row.GetLong("Attempt") ?? 1),
        Text = row.GetString("Text")!,
        By = row.GetString("By"),
        Model = row.GetString("Model"),
        ExecutedAt = row.GetDateTimeOffset("ExecutedAt") ?? DateTimeOffset.MinValue,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        Status = row.GetString("Status") ?? CorrectionStatus.Pending,
        RuleId = row.GetString("RuleId"),
        RuleOperation = row.GetString("RuleOperation"),
        TestId = row.GetString("TestId"),
        ProcessedAt = row.GetDateTimeOffset("ProcessedAt"),
        Input = JsonValues.Parse(await _payloads.GetPropertyAsync(row, "Input", cancellationToken)) as JsonObject ?? [],
        Output = JsonValues.Parse(await _payloads.GetPropertyAsync(row, "Output", cancellationToken)),
        CorrectedOutput = JsonValues.Parse(await _payloads.GetPropertyAsync(row, "CorrectedOutput", cancellationToken)),
        OutputSchema = JsonValues.Parse(await _payloads.GetPropertyAsync(row, "OutputSchema", cancellationToken)) as JsonObject,
    };

    private static TableEntity ExecutionEntity(string partition, string runId, string nodeId, int attempt, string skillVersion, string? model, DateTimeOffset completedAt) =>
        new(partition, KnowledgeKeys.Execution(runId, nodeId, attempt))
        {
            ["RunId"] = runId,
            ["NodeId"] = nodeId,
            ["Attempt"] = attempt,
            ["SkillVersion"] = skillVersion,
            ["Model"] = model,
            ["CompletedAt"] = completedAt,
            ["Day"] = completedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
}
