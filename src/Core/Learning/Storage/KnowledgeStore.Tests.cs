using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.RegressionTests;
using AgentFunctions.Core.Storage;
using Azure.Data.Tables;
using Azure;

namespace AgentFunctions.Core.Learning.Storage;

/// <content>Regression test rows (<c>test|TEST-001</c>), written together with the mark that finishes their correction.</content>
public sealed partial class KnowledgeStore
{
    /// <summary>Lists a skill's regression tests, in id order.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The tests.</returns>
    public async Task<IReadOnlyList<RegressionTest>> ListTestsAsync(string skillId, CancellationToken cancellationToken = default)
    {
        var list = new List<RegressionTest>();
        await foreach (var row in _table.QueryPrefixAsync(KnowledgeKeys.Partition(skillId), KnowledgeKeys.TestPrefix, cancellationToken))
        {
            list.Add(await ToTestAsync(row, cancellationToken));
        }

        return [.. list.OrderBy(t => KnowledgeKeys.NumberOf(t.Id))];
    }

    /// <summary>Inserts a test under the next <c>TEST-</c> id and marks its correction processed, atomically.</summary>
    /// <returns>The test id, or null when the counter or the correction changed meanwhile (re-read and retry).</returns>
    internal async Task<string?> TryAddTestAsync(Versioned<Correction> correction, RegressionTest draft, CancellationToken cancellationToken)
    {
        var partition = KnowledgeKeys.Partition(draft.SkillId);
        var template = new TableEntity(partition, "template");
        await WriteTestAsync(template, draft, cancellationToken);
        var now = _time.GetUtcNow();
        return await TryAddWithNewIdAsync(partition, IdKinds.Test, id =>
        {
            var row = new TableEntity(partition, KnowledgeKeys.Test(id));
            CopyProperties(template, row);
            row["Id"] = id;
            return
            [
                new TableTransactionAction(TableTransactionActionType.Add, row),
                MarkCorrection(correction, c =>
                {
                    c["TestId"] = id;
                    c["Status"] = CorrectionStatus.Processed;
                    c["ProcessedAt"] = now;
                }),
            ];
        }, cancellationToken);
    }

    private async Task WriteTestAsync(TableEntity row, RegressionTest t, CancellationToken cancellationToken)
    {
        row["Id"] = t.Id;
        row["SkillId"] = t.SkillId;
        row["CorrectionId"] = t.CorrectionId;
        row["RuleId"] = t.RuleId;
        row["RunId"] = t.RunId;
        row["NodeId"] = t.NodeId;
        row["CorrectionText"] = t.CorrectionText;
        row["RuleText"] = t.RuleText;
        row["Notes"] = KnowledgeJson.Serialize(t.Notes);
        row["CreatedAt"] = t.CreatedAt;
        await _payloads.SetPropertyAsync(row, "Input", t.Input.ToJsonString(), cancellationToken);
        await _payloads.SetPropertyAsync(row, "ExpectedOutput", t.ExpectedOutput?.ToJsonString(), cancellationToken);
        await _payloads.SetPropertyAsync(row, "Assertions", KnowledgeJson.Serialize(t.Assertions), cancellationToken);
    }

    private async Task<RegressionTest> ToTestAsync(TableEntity row, CancellationToken cancellationToken) => new()
    {
        Id = row.GetString("Id")!,
        SkillId = row.GetString("SkillId")!,
        CorrectionId = row.GetString("CorrectionId")!,
        RuleId = row.GetString("RuleId")!,
        RunId = row.GetString("RunId")!,
        NodeId = row.GetString("NodeId")!,
        CorrectionText = row.GetString("CorrectionText") ?? string.Empty,
        RuleText = row.GetString("RuleText") ?? string.Empty,
        Notes = KnowledgeJson.Deserialize<List<string>>(row.GetString("Notes"), []),
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        Input = JsonValues.Parse(await _payloads.GetPropertyAsync(row, "Input", cancellationToken)) as JsonObject ?? [],
        ExpectedOutput = JsonValues.Parse(await _payloads.GetPropertyAsync(row, "ExpectedOutput", cancellationToken)),
        Assertions = KnowledgeJson.Deserialize<List<TestAssertion>>(await _payloads.GetPropertyAsync(row, "Assertions", cancellationToken), []),
    };
}
