using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Reflexions;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>How corrections become rules: verbatim or distilled, applies_when, and ExpeL's ADD/AGREE/EDIT/REMOVE.</summary>
public sealed class ReflexionTests
{
    private const string Correction = "UAE corridor orders need LULU escalation, not standard path";

    [Fact]
    public async Task Process_WithoutALearningModel_UsesTheCorrectionVerbatimAndSaysSo()
    {
        var host = new LearningHost();

        var rule = await AddRuleAsync(host, Correction);

        Assert.Equal((Correction, RuleSource.Verbatim, null), (rule.Text, rule.Source, rule.SourceReason));
        Assert.Equal(RuleLifecycle.VerbatimConfidence, rule.Confidence);
        Assert.Equal("Model chose wrong approach or value.", rule.RootCause);
        Assert.Equal("When executing ecm/order-details with inputs where order_id='AE789X123', query='UAE corridor order stuck in CNR_RESERVED', corridor='UAE'.", rule.AppliesWhen);
        Assert.All(rule.Conditions.Where(c => c.Value is null), c => Assert.True(c.Required));
        Assert.All(rule.Conditions.Where(c => c.Value is not null), c => Assert.False(c.Required));
    }

    [Fact]
    public async Task Process_WithALearningModel_StoresTheDistilledRuleAndItsRequiredConditions()
    {
        var model = new FakeLearningModel
        {
            CanDistill = true,
            Distill = _ => """
                ```json
                {"operation":"ADD","rule":"Escalate orders of the UAE corridor to the LULU operations team instead of the standard path.",
                 "root_cause":"The skill did not know corridor-specific escalation paths.","confidence":0.9,
                 "required_conditions":[{"key":"corridor","equals":"UAE"},{"key":"missing_key"}]}
                ```
                """,
        };
        var host = new LearningHost(model: model);

        var rule = await AddRuleAsync(host, Correction);

        Assert.Equal(("fake/distiller", "distilled:fake/distiller"), (model.DistillModel, rule.Source));
        Assert.StartsWith("Escalate orders of the UAE corridor", rule.Text, StringComparison.Ordinal);
        Assert.Equal("The skill did not know corridor-specific escalation paths.", rule.RootCause);
        Assert.Equal(RuleLifecycle.MaxInitialConfidence, rule.Confidence);
        var required = Assert.Single(rule.Conditions, c => c.Value is not null && c.Required);
        Assert.Equal(("corridor", "UAE"), (required.Key, required.Value!.GetValue<string>()));
        var (purpose, system, user) = Assert.Single(model.Prompts);
        Assert.Equal("distill", purpose);
        Assert.Contains("GENERALLY APPLICABLE", system, StringComparison.Ordinal);
        Assert.Contains(Correction, user, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "not a JSON object")]
    [InlineData("{\"operation\":\"ADD\",\"rule\":\"Escalate order AE789X123 to LULU.\"}", "mentions a detail of this run ('AE789X123')")]
    [InlineData("{\"operation\":\"MERGE\",\"rule\":\"Escalate UAE orders to LULU.\"}", "unknown operation 'MERGE'")]
    [InlineData("{\"operation\":\"ADD\",\"rule\":\"short\"}", "'rule' must be 10–600 characters")]
    public async Task Process_UnusableDistillation_FallsBackToVerbatimWithTheReason(string answer, string reason)
    {
        var host = new LearningHost(model: new FakeLearningModel { CanDistill = true, Distill = _ => answer });

        var rule = await AddRuleAsync(host, Correction);

        Assert.Equal((Correction, RuleSource.Verbatim), (rule.Text, rule.Source));
        Assert.Contains(reason, rule.SourceReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_RestatedCorrection_StrengthensTheRuleInsteadOfAddingOne()
    {
        var host = new LearningHost();
        await AddRuleAsync(host, Correction);

        var second = await SubmitAsync(host, "UAE corridor orders need the LULU escalation, not the standard path!", LearningHost.Execution(runId: "run-2",
            input: """{"order_id":"AE555","query":"stuck again","corridor":"UAE"}"""));
        var processed = Assert.IsType<CorrectionProcessed>(await host.Learning.ProcessCorrectionAsync(LearningHost.Skill, second));

        Assert.Equal(("REFL-001", RuleOperation.Agree, "TEST-002"), (processed.RuleId, processed.RuleOperation, processed.TestId));
        var rule = Assert.Single(await host.Store.ListRulesAsync(LearningHost.Skill));
        Assert.Equal((RuleLifecycle.AddCounter + 1, 0.55), (rule.Counter, rule.Confidence));
        Assert.Equal(["CORR-000001", "CORR-000002"], rule.Provenance);
        Assert.Equal("When executing ecm/order-details with inputs where order_id is provided, query is provided, corridor='UAE'.", rule.AppliesWhen);
        Assert.Equal(2, (await host.Store.ListTestsAsync(LearningHost.Skill)).Count(t => t.RuleId == "REFL-001"));
    }

    [Fact]
    public async Task Process_DifferentCorrection_AddsASecondRule()
    {
        var host = new LearningHost();
        await AddRuleAsync(host, Correction);

        var other = await SubmitAsync(host, "The summary must name the order's current status code", LearningHost.Execution(runId: "run-2"));

        Assert.Equal(("REFL-002", RuleOperation.Add), Processed(await host.Learning.ProcessCorrectionAsync(LearningHost.Skill, other)));
    }

    [Fact]
    public async Task Process_ModelSaysEdit_RewritesTheRuleAndCountsIt()
    {
        var model = new FakeLearningModel { CanDistill = true, Distill = _ => "{\"operation\":\"ADD\",\"rule\":\"Escalate UAE corridor orders to the LULU team.\"}" };
        var host = new LearningHost(model: model);
        await AddRuleAsync(host, Correction);
        model.Distill = _ => "{\"operation\":\"EDIT\",\"target\":\"REFL-001\",\"rule\":\"Escalate UAE and KSA corridor orders to the LULU team.\"}";

        var second = await SubmitAsync(host, "KSA orders need the same escalation", LearningHost.Execution(runId: "run-2"));

        Assert.Equal(("REFL-001", RuleOperation.Edit), Processed(await host.Learning.ProcessCorrectionAsync(LearningHost.Skill, second)));
        var rule = Assert.Single(await host.Store.ListRulesAsync(LearningHost.Skill));
        Assert.Equal(("Escalate UAE and KSA corridor orders to the LULU team.", 3), (rule.Text, rule.Counter));
    }

    [Fact]
    public async Task RemoveRule_CounterReachesZero_RetiresTheRule()
    {
        var host = new LearningHost();
        await AddRuleAsync(host, Correction);

        var once = await host.Learning.RemoveRuleAsync(LearningHost.Skill, "REFL-001", "contradicted by ops");
        var twice = await host.Learning.RemoveRuleAsync(LearningHost.Skill, "REFL-001", "contradicted again");

        Assert.Equal((1, RuleStatus.Candidate), (once!.Counter, once.Status));
        Assert.Equal((0, RuleStatus.Retired), (twice!.Counter, twice.Status));
        Assert.Contains("ExpeL counter reached 0", twice.StatusReason, StringComparison.Ordinal);
        Assert.Null(await host.Learning.RemoveRuleAsync(LearningHost.Skill, "REFL-404", "no such rule"));
    }

    [Theory]
    [InlineData("", "text", "required")]
    [InlineData(" ok ", "text", "at least 3")]
    public async Task SubmitCorrection_BadText_IsInvalidWithTheField(string text, string field, string message)
    {
        var outcome = await new LearningHost().Learning.SubmitCorrectionAsync(LearningHost.Execution(), new CorrectionRequest(text));

        var invalid = Assert.IsType<CorrectionInvalid>(outcome);
        Assert.Equal(field, invalid.Field);
        Assert.Contains(message, invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitCorrection_TooLongOrUnchangedOutput_IsInvalid()
    {
        var host = new LearningHost();
        var execution = LearningHost.Execution();

        var tooLong = await host.Learning.SubmitCorrectionAsync(execution, new CorrectionRequest(new string('x', 4001)));
        var same = await host.Learning.SubmitCorrectionAsync(execution, new CorrectionRequest("looks wrong", execution.Output!.DeepClone()));

        Assert.Equal("text", Assert.IsType<CorrectionInvalid>(tooLong).Field);
        Assert.Equal("correctedOutput", Assert.IsType<CorrectionInvalid>(same).Field);
        Assert.Empty(await host.Store.ListCorrectionsAsync(LearningHost.Skill));
    }

    private static (string, string) Processed(ProcessCorrectionOutcome outcome) =>
        (Assert.IsType<CorrectionProcessed>(outcome).RuleId, ((CorrectionProcessed)outcome).RuleOperation);

    private static async Task<ReflexionRule> AddRuleAsync(LearningHost host, string text)
    {
        var id = await SubmitAsync(host, text, LearningHost.Execution());
        var processed = Assert.IsType<CorrectionProcessed>(await host.Learning.ProcessCorrectionAsync(LearningHost.Skill, id));
        return (await host.Store.GetRuleAsync(LearningHost.Skill, processed.RuleId))!;
    }

    private static async Task<string> SubmitAsync(LearningHost host, string text, ExecutionRecord execution, JsonNode? corrected = null) =>
        Assert.IsType<CorrectionAccepted>(await host.Learning.SubmitCorrectionAsync(execution, new CorrectionRequest(text, corrected))).CorrectionId;
}
