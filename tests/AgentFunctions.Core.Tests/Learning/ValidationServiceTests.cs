using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Reflexions;
using AgentFunctions.Core.Learning.Validation;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>The gate: tests execute the skill with and without the rule; rules are activated, kept or retired on the evidence.</summary>
public sealed class ValidationServiceTests
{
    private const string Good = """{"action":"escalate_lulu","summary":"Escalate to the LULU ops team."}""";
    private const string Bad = """{"action":"standard_path","summary":"Follow the standard path."}""";

    [Fact]
    public async Task RunValidation_TestPassesOnlyWithTheRule_ActivatesItAndRecordsThatItMadeTheDifference()
    {
        var host = await HostWithRuleAsync(FakeSkillInvoker.Learns("REFL-001", Good, Bad));

        var report = await ValidateAsync(host);

        var test = Assert.Single(report.Tests);
        Assert.Equal((TestOutcome.Passed, true), (test.Outcome, test.RuleMadeDifference));
        Assert.Equal(["REFL-001"], test.WithRule!.RuleIds);
        Assert.Empty(test.WithoutRule!.RuleIds);
        Assert.Equal(TestOutcome.Failed, test.WithoutRule.Outcome);
        Assert.Contains("the rule made the difference", test.Reason, StringComparison.Ordinal);
        var decision = Assert.Single(report.Rules);
        Assert.Equal((RuleStatus.Candidate, RuleStatus.Active, RuleDecisions.Activated, true), (decision.StatusBefore, decision.StatusAfter, decision.Decision, decision.MadeDifference));
        var rule = await host.Store.GetRuleAsync(LearningHost.Skill, "REFL-001");
        Assert.Equal((RuleStatus.Active, 0.6), (rule!.Status, rule.Confidence));
        Assert.Equal((ValidationStatus.Completed, 1, 1, 1.0), (report.Run.Status, report.Run.TestsTotal, report.Run.TestsPassed, report.Run.PassRate));
    }

    [Fact]
    public async Task RunValidation_TestFailsWithTheRule_KeepsItCandidateAndSaysWhichAssertionFailed()
    {
        var host = await HostWithRuleAsync(FakeSkillInvoker.Learns("REFL-001", Bad, Bad));

        var report = await ValidateAsync(host);

        var test = Assert.Single(report.Tests);
        Assert.Equal(TestOutcome.Failed, test.Outcome);
        var failed = test.WithRule!.Assertions.First(a => a.Outcome == AssertionOutcome.Failed);
        Assert.Equal(("/action", "\"escalate_lulu\"", "\"standard_path\""), (failed.Path, failed.Expected, failed.Actual));
        Assert.Contains("equals at /action: expected \"escalate_lulu\", got \"standard_path\"", test.Reason, StringComparison.Ordinal);
        var decision = Assert.Single(report.Rules);
        Assert.Equal((RuleStatus.Candidate, RuleDecisions.KeptCandidate, 1), (decision.StatusAfter, decision.Decision, decision.ConsecutiveFailures));
        Assert.Contains("expected \"escalate_lulu\", got \"standard_path\"", decision.Reason, StringComparison.Ordinal);
        var rule = await host.Store.GetRuleAsync(LearningHost.Skill, "REFL-001");
        Assert.Equal((RuleStatus.Candidate, 0.35), (rule!.Status, rule.Confidence));
        Assert.Equal(decision.Reason, rule.StatusReason);
    }

    [Fact]
    public async Task RunValidation_RubricWithoutAJudge_IsNotEvaluatedAndNeverCountsAsPassed()
    {
        var host = await HostWithRuleAsync(FakeSkillInvoker.Learns("REFL-001", Good, Bad));

        var report = await ValidateAsync(host);

        var rubric = Assert.Single(Assert.Single(report.Tests).WithRule!.Assertions, a => a.Type == "rubric");
        Assert.Equal(AssertionOutcome.NotEvaluated, rubric.Outcome);
        Assert.Contains("no judge model", rubric.Reason, StringComparison.Ordinal);
        Assert.Contains("rubric not evaluated", report.Tests[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunValidation_OnlyARubricAndNoJudge_EvaluatesNothingAndDecidesNothing()
    {
        var host = await HostWithRuleAsync(FakeSkillInvoker.Learns("REFL-001", Good, Bad), corrected: null);

        var report = await ValidateAsync(host);

        Assert.Equal(TestOutcome.NotEvaluated, Assert.Single(report.Tests).Outcome);
        Assert.Null(report.Tests[0].RuleMadeDifference);
        Assert.Equal((RuleDecisions.Undecided, RuleStatus.Candidate), (report.Rules[0].Decision, report.Rules[0].StatusAfter));
        Assert.Equal((0, 1), (report.Run.TestsPassed, report.Run.TestsErrored));
    }

    [Fact]
    public async Task RunValidation_WithAJudge_TheJudgeDecidesTheRubric()
    {
        var model = new FakeLearningModel { CanJudge = true, Judge = user => user.Contains("escalate_lulu", StringComparison.Ordinal) ? "{\"pass\":true,\"reason\":\"escalates\"}" : "{\"pass\":false,\"reason\":\"no escalation\"}" };
        var host = await HostWithRuleAsync(FakeSkillInvoker.Learns("REFL-001", Good, Bad), corrected: null, model: model);

        var report = await ValidateAsync(host);

        var test = Assert.Single(report.Tests);
        Assert.Equal((TestOutcome.Passed, TestOutcome.Failed, true), (test.Outcome, test.WithoutRule!.Outcome, test.RuleMadeDifference));
        Assert.Equal(RuleDecisions.Activated, report.Rules[0].Decision);
        Assert.All(model.Prompts, p => Assert.Equal("judge", p.Purpose));
    }

    [Fact]
    public async Task RunValidation_ThreeFailingRunsInARow_RetireTheRule()
    {
        var host = await HostWithRuleAsync(FakeSkillInvoker.Learns("REFL-001", Bad, Bad));

        var decisions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            decisions.Add((await ValidateAsync(host)).Rules[0].Decision);
        }

        Assert.Equal([RuleDecisions.KeptCandidate, RuleDecisions.KeptCandidate, RuleDecisions.Retired], decisions);
        var rule = await host.Store.GetRuleAsync(LearningHost.Skill, "REFL-001");
        Assert.Equal((RuleStatus.Retired, RuleLifecycle.AddCounter - 1, 3), (rule!.Status, rule.Counter, rule.ConsecutiveFailures));
        Assert.Contains("retired after 3 failed validations in a row", rule.StatusReason, StringComparison.Ordinal);
        Assert.Equal(TestOutcome.Skipped, (await ValidateAsync(host)).Tests[0].Outcome);
    }

    [Fact]
    public async Task RunValidation_ActiveRuleStartsFailing_IsDemotedToCandidate()
    {
        var host = await HostWithRuleAsync(FakeSkillInvoker.Learns("REFL-001", Good, Bad));
        await ValidateAsync(host);
        host.Invoker.Script = (_, _) => JsonNode.Parse(Bad);

        var report = await ValidateAsync(host);

        Assert.Equal((RuleStatus.Active, RuleStatus.Candidate, RuleDecisions.Demoted), (report.Rules[0].StatusBefore, report.Rules[0].StatusAfter, report.Rules[0].Decision));
    }

    [Fact]
    public async Task RunValidation_SkillCannotExecute_DecidesNothing()
    {
        var host = await HostWithRuleAsync(new FakeSkillInvoker { Script = (_, _) => null });

        var report = await ValidateAsync(host);

        Assert.Equal((TestOutcome.Error, null), (report.Tests[0].Outcome, report.Tests[0].WithoutRule));
        Assert.Equal(RuleDecisions.Undecided, report.Rules[0].Decision);
        Assert.Contains("model unavailable", report.Rules[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunValidation_CrashWhileDeciding_ResumesWithoutRunningTheTestsAgain()
    {
        var host = await HostWithRuleAsync(FakeSkillInvoker.Learns("REFL-001", Good, Bad));
        var id = await host.Validation.RequestValidationAsync(LearningHost.Skill);
        host.Crashes.CrashOnce(body => body.Contains("RowKey\":\"vrule|", StringComparison.Ordinal) || body.Contains("RowKey='vrule|", StringComparison.Ordinal));

        await Assert.ThrowsAsync<IOException>(() => host.Validation.RunValidationAsync(LearningHost.Skill, id));
        var calls = host.Invoker.Calls.Count;
        var report = await host.Validation.RunValidationAsync(LearningHost.Skill, id);
        var again = await host.Validation.RunValidationAsync(LearningHost.Skill, id);

        Assert.Equal(calls, host.Invoker.Calls.Count);
        Assert.Equal((RuleDecisions.Activated, ValidationStatus.Completed), (report!.Rules[0].Decision, report.Run.Status));
        Assert.Equal(report.Run, again!.Run);
        Assert.Null(await host.Validation.RunValidationAsync(LearningHost.Skill, "VAL-999"));
    }

    private static async Task<ValidationReport> ValidateAsync(LearningHost host) =>
        (await host.Validation.RunValidationAsync(LearningHost.Skill, await host.Validation.RequestValidationAsync(LearningHost.Skill)))!;

    private static async Task<LearningHost> HostWithRuleAsync(FakeSkillInvoker invoker, string? corrected = Good, FakeLearningModel? model = null)
    {
        var host = new LearningHost(model: model, invoker: invoker);
        var outcome = await host.Learning.SubmitCorrectionAsync(LearningHost.Execution(),
            new CorrectionRequest("UAE corridor orders need LULU escalation, not standard path", corrected is null ? null : JsonNode.Parse(corrected)));
        await host.Learning.ProcessCorrectionAsync(LearningHost.Skill, ((CorrectionAccepted)outcome).CorrectionId);
        return host;
    }
}
