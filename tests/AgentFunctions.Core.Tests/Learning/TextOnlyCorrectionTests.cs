using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Exports;
using AgentFunctions.Core.Learning.Reflexions;
using AgentFunctions.Core.Learning.RegressionTests;
using AgentFunctions.Core.Learning.Validation;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>
/// A correction given as text only, grounded in the skill's output_schema: the repository's <c>hr/resume-screen</c> and the
/// correction <c>If fit_score is 50-70, ALWAYS recommend discuss</c> give a test that fails without the rule and passes with it.
/// </summary>
public sealed class TextOnlyCorrectionTests
{
    private const string Text = "If fit_score is 50-70, ALWAYS recommend discuss";
    private static readonly SkillDefinition s_skill = SkillCatalog.Load(Path.Combine(TestPaths.RepositoryRoot, "skills")).Find("hr/resume-screen")!;

    private static JsonObject Schema => s_skill.OutputSchema!.Node!.AsObject();

    private static JsonObject Output(int fitScore, string recommendation) =>
        JsonNode.Parse($$"""{"candidate_summary":"Backend engineer","fit_score":{{fitScore}},"recommendation":"{{recommendation}}","reasoning":"r"}""")!.AsObject();

    [Fact]
    public void FromText_ResumeScreenRule_IsEqualsOnTheEnumFieldWhenTheScoreIsInRange()
    {
        var derived = AssertionDeriver.FromText(Text, Schema, [], Output(60, "proceed"));

        var assertion = Assert.Single(derived.Assertions);
        Assert.Equal((AssertionType.EqualsValue, "/recommendation", "discuss"), (assertion.Type, assertion.Path, assertion.Value!.GetValue<string>()));
        Assert.Equal(new AssertionCondition(AssertionCondition.Output, "/fit_score", 50, 70), assertion.When);
        Assert.Contains(derived.Notes, n => n.Contains("/fit_score was 60 (the condition held)", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_ConditionalAssertion_PassesFailsOrIsNotEvaluated()
    {
        var assertion = Assert.Single(AssertionDeriver.FromText(Text, Schema, [], Output(60, "proceed")).Assertions);

        var outcomes = new[] { Output(60, "discuss"), Output(60, "proceed"), Output(85, "proceed") }
            .Select(o => AssertionEvaluator.Evaluate(assertion, o, [])).ToList();

        Assert.Equal([AssertionOutcome.Passed, AssertionOutcome.Failed, AssertionOutcome.NotEvaluated], outcomes.Select(r => r.Outcome));
        Assert.Contains("output /fit_score between 50 and 70", outcomes[2].Reason, StringComparison.Ordinal);
        Assert.Contains("is 85", outcomes[2].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("When fit_score is below 40, never recommend proceed.", AssertionType.NotContains, "/recommendation", "\"proceed\"", null, 40.0)]
    [InlineData("Recommend \"reject\" rather than \"discuss\" when fit_score < 30", AssertionType.EqualsValue, "/recommendation", "\"reject\"", null, 30.0)]
    [InlineData("For a fit_score of at least 80, recommend proceed instead of discuss or reject.", AssertionType.EqualsValue, "/recommendation", "\"proceed\"", 80.0, null)]
    [InlineData("The fit_score should be 40 for this resume.", AssertionType.EqualsValue, "/fit_score", "40", null, null)]
    [InlineData("Set recommendation to reject.", AssertionType.EqualsValue, "/recommendation", "\"reject\"", null, null)]
    public void FromText_FieldsAndValuesTheTextNames_BecomeAssertions(string text, string type, string path, string value, double? min, double? max)
    {
        var derived = AssertionDeriver.FromText(text, Schema, [], Output(60, "proceed"));

        var assertion = Assert.Single(derived.Assertions);
        Assert.Equal((type, path, value), (assertion.Type, assertion.Path, assertion.Value!.ToJsonString()));
        Assert.Equal(((decimal?)min, (decimal?)max), (assertion.When?.Minimum, assertion.When?.Maximum));
    }

    [Theory]
    [InlineData("Be kinder in the summary.")]
    [InlineData("If fit_score is 50-70 and years > 5, recommend discuss.")]
    [InlineData("Recommend discuss or reject, never proceed blindly.")]
    public void FromText_NothingPreciseOrAmbiguous_DerivesNoFieldAssertion(string text)
    {
        var derived = AssertionDeriver.FromText(text, Schema, [], Output(60, "proceed"));

        Assert.DoesNotContain(derived.Assertions, a => a.Type == AssertionType.EqualsValue);
    }

    [Fact]
    public void FromText_ConditionOnAnInputField_ReadsTheInput()
    {
        var input = JsonNode.Parse("""{"years":3}""")!.AsObject();

        var assertion = Assert.Single(AssertionDeriver.FromText("When years is under 5, recommend discuss.", Schema, input, Output(60, "proceed")).Assertions);

        Assert.Equal(new AssertionCondition(AssertionCondition.Input, "/years", null, 5, ExclusiveMaximum: true), assertion.When);
        Assert.Equal(AssertionOutcome.Passed, AssertionEvaluator.Evaluate(assertion, Output(90, "discuss"), input).Outcome);
    }

    [Fact]
    public async Task TextOnlyCorrection_OfResumeScreen_GivesATestThatFailsWithoutTheRuleAndActivatesIt()
    {
        // A skill that obeys learned rules: "discuss" for fit_score 60 only when a rule is injected.
        var invoker = new FakeSkillInvoker { Script = (_, rules) => Output(60, rules.Count > 0 ? "discuss" : "proceed") };
        var host = new LearningHost(invoker: invoker);
        var execution = new ExecutionRecord("run-1", "screen", 1, "hr/resume-screen", "v1", JsonNode.Parse("""{"resume_text":"Sam"}""")!.AsObject(),
            Output(60, "proceed"), "openai/gpt-4o-mini", DateTimeOffset.UnixEpoch) { OutputSchema = Schema };
        var accepted = (CorrectionAccepted)await host.Learning.SubmitCorrectionAsync(execution, new CorrectionRequest(Text, null, "recruiter"));
        await host.Learning.ProcessCorrectionAsync("hr/resume-screen", accepted.CorrectionId);

        var test = Assert.Single(await host.Store.ListTestsAsync("hr/resume-screen"));
        Assert.Contains(test.Assertions, a => a is { Type: AssertionType.EqualsValue, Path: "/recommendation", When: not null });
        Assert.Null(PromptfooExporter.WhyNotRunnable("hr/resume-screen", [test], includeRubric: false));
        var report = (await host.Validation.RunValidationAsync("hr/resume-screen", await host.Validation.RequestValidationAsync("hr/resume-screen")))!;

        var result = Assert.Single(report.Tests);
        Assert.Equal((TestOutcome.Passed, TestOutcome.Failed, true), (result.Outcome, result.WithoutRule!.Outcome, result.RuleMadeDifference));
        Assert.Equal(RuleStatus.Active, (await host.Store.GetRuleAsync("hr/resume-screen", test.RuleId))!.Status);
    }
}
