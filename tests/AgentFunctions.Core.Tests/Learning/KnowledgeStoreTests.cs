using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Reflexions;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>Corrections, rules and tests in Table storage on a real Azurite: ids, duplicates, crash safety, statistics.</summary>
public sealed class KnowledgeStoreTests
{
    private readonly LearningHost _host = new();

    [Fact]
    public async Task SubmitCorrection_Valid_StoresItWithTheExecutionData()
    {
        var execution = LearningHost.Execution();

        var outcome = await _host.Learning.SubmitCorrectionAsync(execution, new CorrectionRequest("  UAE corridor orders need LULU escalation, not standard path  ", null, "ops-lead"));

        var accepted = Assert.IsType<CorrectionAccepted>(outcome);
        Assert.Equal(("CORR-000001", false), (accepted.CorrectionId, accepted.IsDuplicate));
        var stored = Assert.Single(await _host.Store.ListCorrectionsAsync(LearningHost.Skill));
        Assert.Equal(("UAE corridor orders need LULU escalation, not standard path", "ops-lead"), (stored.Text, stored.By));
        Assert.Equal(("run-1", "lookup", 1, "abc123def456", "openai/gpt-4o-mini"), (stored.RunId, stored.NodeId, stored.Attempt, stored.SkillVersion, stored.Model));
        Assert.Equal("AE789X123", stored.Input["order_id"]!.GetValue<string>());
        Assert.Equal("standard_path", stored.Output!["action"]!.GetValue<string>());
        Assert.Equal(CorrectionStatus.Pending, stored.Status);
    }

    [Fact]
    public async Task SubmitCorrection_SameRunNodeAndNormalisedText_IsRecognisedAsDuplicateAndNotStoredTwice()
    {
        var first = await _host.Learning.SubmitCorrectionAsync(LearningHost.Execution(), new CorrectionRequest("Use LULU escalation."));
        var again = await _host.Learning.SubmitCorrectionAsync(LearningHost.Execution(), new CorrectionRequest("  use   lulu ESCALATION "));
        var otherNode = await _host.Learning.SubmitCorrectionAsync(LearningHost.Execution(nodeId: "other"), new CorrectionRequest("Use LULU escalation."));

        Assert.Equal("CORR-000001", Assert.IsType<CorrectionAccepted>(first).CorrectionId);
        Assert.Equal("CORR-000001", Assert.IsType<CorrectionAccepted>(again).DuplicateOf);
        Assert.Equal(("CORR-000002", false), (Assert.IsType<CorrectionAccepted>(otherNode).CorrectionId, ((CorrectionAccepted)otherNode).IsDuplicate));
        Assert.Equal(2, (await _host.Store.ListCorrectionsAsync(LearningHost.Skill)).Count);
    }

    [Fact]
    public async Task SubmitCorrection_ConcurrentSubmitters_NeverGetTheSameId()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 16).Select(i =>
            _host.Learning.SubmitCorrectionAsync(LearningHost.Execution(runId: $"run-{i}"), new CorrectionRequest($"correction number {i}"))));

        var ids = outcomes.Cast<CorrectionAccepted>().Select(a => a.CorrectionId).ToList();
        Assert.Equal(16, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 16).Select(i => $"CORR-{i:D6}"), ids.Order());
        Assert.Equal(16, (await _host.Store.ListCorrectionsAsync(LearningHost.Skill)).Count);
    }

    [Fact]
    public async Task ProcessCorrection_RunTwice_WritesExactlyOneRuleAndOneTest()
    {
        var id = await SubmitAsync("UAE corridor orders need LULU escalation, not standard path");

        var first = Assert.IsType<CorrectionProcessed>(await _host.Learning.ProcessCorrectionAsync(LearningHost.Skill, id));
        var second = Assert.IsType<CorrectionProcessed>(await _host.Learning.ProcessCorrectionAsync(LearningHost.Skill, id));

        Assert.Equal(("REFL-001", "TEST-001", RuleOperation.Add, false), (first.RuleId, first.TestId, first.RuleOperation, first.AlreadyProcessed));
        Assert.Equal(("REFL-001", "TEST-001", true), (second.RuleId, second.TestId, second.AlreadyProcessed));
        var rule = Assert.Single(await _host.Store.ListRulesAsync(LearningHost.Skill));
        var test = Assert.Single(await _host.Store.ListTestsAsync(LearningHost.Skill));
        Assert.Equal((RuleStatus.Candidate, RuleLifecycle.AddCounter), (rule.Status, rule.Counter));
        Assert.Equal([id], rule.Provenance);
        Assert.Equal((id, "REFL-001", "run-1", "lookup"), (test.CorrectionId, test.RuleId, test.RunId, test.NodeId));
        Assert.Equal(CorrectionStatus.Processed, (await _host.Store.GetCorrectionAsync(LearningHost.Skill, id))!.Status);
    }

    [Fact]
    public async Task ProcessCorrection_CrashAfterTheRuleBeforeTheTest_ReRunCompletesWithoutDuplicates()
    {
        var id = await SubmitAsync("UAE corridor orders need LULU escalation, not standard path");
        _host.Crashes.CrashOnce(body => body.Contains("RowKey\":\"test|", StringComparison.Ordinal) || body.Contains("RowKey='test|", StringComparison.Ordinal));

        await Assert.ThrowsAsync<IOException>(() => _host.Learning.ProcessCorrectionAsync(LearningHost.Skill, id));
        var half = await _host.Store.GetCorrectionAsync(LearningHost.Skill, id);
        Assert.Equal(("REFL-001", null, CorrectionStatus.Pending), (half!.RuleId, half.TestId, half.Status));
        Assert.Empty(await _host.Store.ListTestsAsync(LearningHost.Skill));

        var rerun = Assert.IsType<CorrectionProcessed>(await _host.Learning.ProcessCorrectionAsync(LearningHost.Skill, id));

        Assert.Equal(("REFL-001", "TEST-001"), (rerun.RuleId, rerun.TestId));
        Assert.Single(await _host.Store.ListRulesAsync(LearningHost.Skill));
        Assert.Single(await _host.Store.ListTestsAsync(LearningHost.Skill));
    }

    [Fact]
    public async Task ProcessCorrection_ConcurrentDeliveriesOfOneCorrection_WriteOneRuleAndOneTest()
    {
        var id = await SubmitAsync("UAE corridor orders need LULU escalation, not standard path");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _host.Learning.ProcessCorrectionAsync(LearningHost.Skill, id)));

        Assert.All(outcomes, o => Assert.Equal(("REFL-001", "TEST-001"), (((CorrectionProcessed)o).RuleId, ((CorrectionProcessed)o).TestId)));
        Assert.Single(await _host.Store.ListRulesAsync(LearningHost.Skill));
        Assert.Single(await _host.Store.ListTestsAsync(LearningHost.Skill));
        Assert.IsType<CorrectionNotFound>(await _host.Learning.ProcessCorrectionAsync(LearningHost.Skill, "CORR-000404"));
    }

    [Fact]
    public async Task GetStats_ExecutionsAndCorrections_GiveTheAcceptRatePerDay()
    {
        var day1 = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= 4; i++)
        {
            await _host.Learning.RecordExecutionAsync(LearningHost.Execution(runId: $"d1-{i}", at: day1));
        }

        Assert.False(await _host.Learning.RecordExecutionAsync(LearningHost.Execution(runId: "d1-1", at: day1)));
        await _host.Learning.RecordExecutionAsync(LearningHost.Execution(runId: "d2-1", at: day1.AddDays(1)));
        await _host.Learning.SubmitCorrectionAsync(LearningHost.Execution(runId: "d1-1", at: day1), new CorrectionRequest("wrong action"));
        await _host.Learning.SubmitCorrectionAsync(LearningHost.Execution(runId: "d1-1", at: day1), new CorrectionRequest("also missing the summary"));

        var stats = await _host.Queries.GetStatsAsync(LearningHost.Skill);

        Assert.Equal((5, 4, 0.8), (stats.Executions, stats.Accepted, stats.AcceptRate));
        Assert.Equal([new("2026-03-01", 4, 3, 0.75), new("2026-03-02", 1, 1, 1.0)], stats.AcceptRateByDay);
        Assert.Equal((2, 2), (stats.Corrections, stats.CorrectionsPending));
        Assert.Equal(0, stats.RulesByStatus[RuleStatus.Active]);
        Assert.Null(stats.LatestTestPassRate);
    }

    [Fact]
    public async Task SubmitCorrection_InputOverTheTablePropertyLimit_IsKeptInABlobAndReadsBack()
    {
        var big = "{\"document\":\"" + new string('z', 40_000) + "\"}";

        var id = await SubmitAsync("the summary must be shorter", LearningHost.Execution(input: big));

        var stored = await _host.Store.GetCorrectionAsync(LearningHost.Skill, id);
        Assert.Equal(40_000, stored!.Input["document"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Loop_CorrectProcessValidate_ActivatesTheRuleAndInjectsIt()
    {
        _host.Invoker.Script = (_, rules) => JsonNode.Parse(rules.Contains("REFL-001")
            ? """{"action":"escalate_lulu","summary":"Escalate to the LULU ops team."}"""
            : """{"action":"standard_path","summary":"Follow the standard path."}""");
        var id = await SubmitAsync("UAE corridor orders need LULU escalation, not standard path",
            corrected: """{"action":"escalate_lulu","summary":"Escalate to the LULU ops team."}""");
        await _host.Learning.ProcessCorrectionAsync(LearningHost.Skill, id);

        var report = await _host.Validation.RunValidationAsync(LearningHost.Skill, await _host.Validation.RequestValidationAsync(LearningHost.Skill));

        Assert.Equal(RuleStatus.Active, (await _host.Store.GetRuleAsync(LearningHost.Skill, "REFL-001"))!.Status);
        Assert.True(Assert.Single(report!.Tests).RuleMadeDifference);
        var selection = await _host.Learning.SelectRulesAsync(LearningHost.Skill, LearningHost.Execution().Input);
        Assert.Equal("REFL-001", Assert.Single(selection.Injected).Id);
        Assert.Equal(1.0, (await _host.Queries.GetStatsAsync(LearningHost.Skill)).LatestTestPassRate);
    }

    private async Task<string> SubmitAsync(string text, ExecutionRecord? execution = null, string? corrected = null)
    {
        var outcome = await _host.Learning.SubmitCorrectionAsync(execution ?? LearningHost.Execution(), new CorrectionRequest(text, corrected is null ? null : JsonNode.Parse(corrected)));
        return Assert.IsType<CorrectionAccepted>(outcome).CorrectionId;
    }
}
