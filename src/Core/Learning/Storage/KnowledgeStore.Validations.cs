using AgentFunctions.Core.Learning.Reflexions;
using AgentFunctions.Core.Learning.Validation;
using AgentFunctions.Core.Storage;
using Azure.Data.Tables;
using Azure;

namespace AgentFunctions.Core.Learning.Storage;

/// <content>Validation rows: the run (<c>val|VAL-001</c>), per-test results (<c>vtest|VAL-001|TEST-001</c>) and per-rule decisions (<c>vrule|VAL-001|REFL-001</c>).</content>
public sealed partial class KnowledgeStore
{
    /// <summary>Lists a skill's validation runs (headers), newest first.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The runs.</returns>
    public async Task<IReadOnlyList<ValidationRun>> ListValidationsAsync(string skillId, CancellationToken cancellationToken = default)
    {
        var list = new List<ValidationRun>();
        await foreach (var row in _table.QueryPrefixAsync(KnowledgeKeys.Partition(skillId), KnowledgeKeys.ValidationPrefix, cancellationToken))
        {
            list.Add(ToValidation(row));
        }

        return [.. list.OrderByDescending(v => KnowledgeKeys.NumberOf(v.Id))];
    }

    /// <summary>Reads a validation run with its results.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="validationId">The run id.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The report, or null when the run does not exist.</returns>
    public async Task<ValidationReport?> GetValidationAsync(string skillId, string validationId, CancellationToken cancellationToken = default)
    {
        var run = await ReadValidationAsync(skillId, validationId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var tests = await ReadResultsAsync<TestResult>(skillId, KnowledgeKeys.TestResultPrefix + validationId + "|", cancellationToken);
        var rules = await ReadResultsAsync<RuleResult>(skillId, KnowledgeKeys.RuleResultPrefix + validationId + "|", cancellationToken);
        return new ValidationReport(run, [.. tests.OrderBy(t => KnowledgeKeys.NumberOf(t.TestId))], [.. rules.OrderBy(r => KnowledgeKeys.NumberOf(r.RuleId))]);
    }

    internal async Task<ValidationRun?> ReadValidationAsync(string skillId, string validationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(validationId);
        var row = await _table.GetOrNullAsync(KnowledgeKeys.Partition(skillId), KnowledgeKeys.Validation(validationId), cancellationToken);
        return row is null ? null : ToValidation(row);
    }

    internal async Task<string> AddValidationAsync(string skillId, CancellationToken cancellationToken)
    {
        var partition = KnowledgeKeys.Partition(skillId);
        await RegisterSkillAsync(skillId, cancellationToken);
        var now = _time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var id = await TryAddWithNewIdAsync(partition, IdKinds.Validation, id =>
                [new TableTransactionAction(TableTransactionActionType.Add, ValidationEntity(new ValidationRun(id, skillId, ValidationStatus.Queued, now, null, null, 0, 0, 0, 0, 0)))],
                cancellationToken);
            if (id is not null)
            {
                return id;
            }

            await BackOffAsync(attempt, cancellationToken);
        }
    }

    internal Task SaveValidationAsync(ValidationRun run, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(ValidationEntity(run), TableUpdateMode.Replace, cancellationToken);

    internal Task<IReadOnlyList<TestResult>> ReadTestResultsAsync(string skillId, string validationId, CancellationToken cancellationToken) =>
        ReadResultsAsync<TestResult>(skillId, KnowledgeKeys.TestResultPrefix + validationId + "|", cancellationToken);

    /// <summary>Stores a test's result once (a second write of the same test in the same run is ignored).</summary>
    internal async Task AddTestResultAsync(string skillId, string validationId, TestResult result, CancellationToken cancellationToken)
    {
        var row = new TableEntity(KnowledgeKeys.Partition(skillId), KnowledgeKeys.TestResult(validationId, result.TestId)) { ["Outcome"] = result.Outcome };
        await _payloads.SetPropertyAsync(row, "Data", KnowledgeJson.Serialize(result), cancellationToken);
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already recorded by an earlier delivery of this validation.
        }
    }

    /// <summary>Records a rule decision and applies it to the rule, atomically and once per validation run.</summary>
    /// <returns>True when applied or already applied; false when the rule changed meanwhile (re-read and retry).</returns>
    internal async Task<bool> TryCommitRuleDecisionAsync(string validationId, Versioned<ReflexionRule> rule, ReflexionRule updated, RuleResult result, CancellationToken cancellationToken)
    {
        var partition = KnowledgeKeys.Partition(updated.SkillId);
        var key = KnowledgeKeys.RuleResult(validationId, updated.Id);
        if (await _table.GetOrNullAsync(partition, key, cancellationToken) is not null)
        {
            return true;
        }

        var row = new TableEntity(partition, key) { ["Decision"] = result.Decision, ["Data"] = KnowledgeJson.Serialize(result) };
        return await TrySubmitAsync(
            [new TableTransactionAction(TableTransactionActionType.Add, row), new TableTransactionAction(TableTransactionActionType.UpdateReplace, RuleEntity(updated), rule.ETag)],
            cancellationToken);
    }

    private async Task<IReadOnlyList<T>> ReadResultsAsync<T>(string skillId, string prefix, CancellationToken cancellationToken)
        where T : class
    {
        var list = new List<T>();
        await foreach (var row in _table.QueryPrefixAsync(KnowledgeKeys.Partition(skillId), prefix, cancellationToken))
        {
            if (KnowledgeJson.Deserialize<T?>(await _payloads.GetPropertyAsync(row, "Data", cancellationToken), null) is { } value)
            {
                list.Add(value);
            }
        }

        return list;
    }

    private static TableEntity ValidationEntity(ValidationRun v) => new(KnowledgeKeys.Partition(v.SkillId), KnowledgeKeys.Validation(v.Id))
    {
        ["Id"] = v.Id,
        ["SkillId"] = v.SkillId,
        ["Status"] = v.Status,
        ["RequestedAt"] = v.RequestedAt,
        ["StartedAt"] = v.StartedAt,
        ["CompletedAt"] = v.CompletedAt,
        ["TestsTotal"] = v.TestsTotal,
        ["TestsPassed"] = v.TestsPassed,
        ["TestsFailed"] = v.TestsFailed,
        ["TestsErrored"] = v.TestsErrored,
        ["TestsSkipped"] = v.TestsSkipped,
    };

    private static ValidationRun ToValidation(TableEntity row) => new(
        row.GetString("Id")!,
        row.GetString("SkillId")!,
        row.GetString("Status") ?? ValidationStatus.Queued,
        row.GetDateTimeOffset("RequestedAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("StartedAt"),
        row.GetDateTimeOffset("CompletedAt"),
        (int)(row.GetLong("TestsTotal") ?? 0),
        (int)(row.GetLong("TestsPassed") ?? 0),
        (int)(row.GetLong("TestsFailed") ?? 0),
        (int)(row.GetLong("TestsErrored") ?? 0),
        (int)(row.GetLong("TestsSkipped") ?? 0));
}
