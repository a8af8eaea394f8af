using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Reflexions;
using AgentFunctions.Core.Storage;
using Azure.Data.Tables;
using Azure;

namespace AgentFunctions.Core.Learning.Storage;

/// <content>Reflexion rule rows (<c>refl|REFL-001</c>), written together with the correction that adds or restates them.</content>
public sealed partial class KnowledgeStore
{
    /// <summary>Lists a skill's reflexion rules (every status), in id order.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The rules.</returns>
    public async Task<IReadOnlyList<ReflexionRule>> ListRulesAsync(string skillId, CancellationToken cancellationToken = default) =>
        [.. (await ReadRulesAsync(skillId, cancellationToken)).Select(r => r.Value)];

    /// <summary>Reads one rule.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="ruleId">The rule id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rule, or null when it does not exist.</returns>
    public async Task<ReflexionRule?> GetRuleAsync(string skillId, string ruleId, CancellationToken cancellationToken = default) =>
        (await ReadRuleAsync(skillId, ruleId, cancellationToken))?.Value;

    internal async Task<IReadOnlyList<Versioned<ReflexionRule>>> ReadRulesAsync(string skillId, CancellationToken cancellationToken)
    {
        var list = new List<Versioned<ReflexionRule>>();
        await foreach (var row in _table.QueryPrefixAsync(KnowledgeKeys.Partition(skillId), KnowledgeKeys.RulePrefix, cancellationToken))
        {
            list.Add(new Versioned<ReflexionRule>(ToRule(row), row.ETag));
        }

        return [.. list.OrderBy(r => KnowledgeKeys.NumberOf(r.Value.Id))];
    }

    internal async Task<Versioned<ReflexionRule>?> ReadRuleAsync(string skillId, string ruleId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        var row = await _table.GetOrNullAsync(KnowledgeKeys.Partition(skillId), KnowledgeKeys.Rule(ruleId), cancellationToken);
        return row is null ? null : new Versioned<ReflexionRule>(ToRule(row), row.ETag);
    }

    /// <summary>ExpeL ADD: inserts a new rule under the next <c>REFL-</c> id and links the correction to it, atomically.</summary>
    /// <returns>The new rule id, or null when the counter or the correction changed meanwhile (re-read and retry).</returns>
    internal Task<string?> TryAddRuleAsync(Versioned<Correction> correction, ReflexionRule draft, CancellationToken cancellationToken)
    {
        var partition = KnowledgeKeys.Partition(draft.SkillId);
        return TryAddWithNewIdAsync(partition, IdKinds.Rule, id =>
        [
            new TableTransactionAction(TableTransactionActionType.Add, RuleEntity(draft with { Id = id })),
            MarkCorrection(correction, row =>
            {
                row["RuleId"] = id;
                row["RuleOperation"] = RuleOperation.Add;
            }),
        ], cancellationToken);
    }

    /// <summary>ExpeL AGREE or EDIT: replaces the rule (guarded by its ETag) and links the correction to it, atomically.</summary>
    /// <returns>False when the rule or the correction changed meanwhile (re-read and retry).</returns>
    internal Task<bool> TryUpdateRuleForCorrectionAsync(Versioned<Correction> correction, Versioned<ReflexionRule> rule, ReflexionRule updated, string operation, CancellationToken cancellationToken) =>
        TrySubmitAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, RuleEntity(updated), rule.ETag),
            MarkCorrection(correction, row =>
            {
                row["RuleId"] = updated.Id;
                row["RuleOperation"] = operation;
            }),
        ], cancellationToken);

    /// <summary>Replaces a rule if it has not changed since it was read.</summary>
    /// <returns>False when it changed (412): re-read and retry.</returns>
    internal async Task<bool> TryReplaceRuleAsync(Versioned<ReflexionRule> rule, ReflexionRule updated, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(RuleEntity(updated), rule.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private static TableEntity RuleEntity(ReflexionRule r) => new(KnowledgeKeys.Partition(r.SkillId), KnowledgeKeys.Rule(r.Id))
    {
        ["Id"] = r.Id,
        ["SkillId"] = r.SkillId,
        ["Text"] = r.Text,
        ["AppliesWhen"] = r.AppliesWhen,
        ["Conditions"] = KnowledgeJson.Serialize(r.Conditions),
        ["RootCause"] = r.RootCause,
        ["Provenance"] = KnowledgeJson.Serialize(r.Provenance),
        ["Confidence"] = r.Confidence,
        ["Status"] = r.Status,
        ["StatusReason"] = r.StatusReason,
        ["Source"] = r.Source,
        ["SourceReason"] = r.SourceReason,
        ["Counter"] = r.Counter,
        ["ConsecutiveFailures"] = r.ConsecutiveFailures,
        ["LastValidationId"] = r.LastValidationId,
        ["CreatedAt"] = r.CreatedAt,
        ["UpdatedAt"] = r.UpdatedAt,
    };

    private static ReflexionRule ToRule(TableEntity row) => new()
    {
        Id = row.GetString("Id")!,
        SkillId = row.GetString("SkillId")!,
        Text = row.GetString("Text")!,
        AppliesWhen = row.GetString("AppliesWhen") ?? string.Empty,
        Conditions = KnowledgeJson.Deserialize<List<RuleCondition>>(row.GetString("Conditions"), []),
        RootCause = row.GetString("RootCause") ?? string.Empty,
        Provenance = KnowledgeJson.Deserialize<List<string>>(row.GetString("Provenance"), []),
        Confidence = row.GetDouble("Confidence") ?? 0,
        Status = row.GetString("Status") ?? RuleStatus.Candidate,
        StatusReason = row.GetString("StatusReason"),
        Source = row.GetString("Source") ?? RuleSource.Verbatim,
        SourceReason = row.GetString("SourceReason"),
        Counter = (int)(row.GetLong("Counter") ?? 0),
        ConsecutiveFailures = (int)(row.GetLong("ConsecutiveFailures") ?? 0),
        LastValidationId = row.GetString("LastValidationId"),
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        UpdatedAt = row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
    };
}
