using AgentFunctions.Core.Models;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tests.Skills;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>The dry run and the skills API report the model a tier picks, not the default model.</summary>
public sealed class SkillExecutionServiceTierTests : IDisposable
{
    private static readonly string[] s_gold = [.. ModelPool.BuiltIn.Values.Where(m => m.Tier == ModelTier.Gold).Select(m => m.Id)];
    private readonly SkillsFolder _folder = new();

    public SkillExecutionServiceTierTests() => _folder.WriteSkill("eng", "gold-writer", "tier: gold\nmax_output_tokens: 500\n", "{\"topic\":\"tiers\"}");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void DryRunAndModelOf_SkillWithTierGold_ReportAGoldModelAndItsPrice()
    {
        using var harness = new ExecutorHarness(SkillCatalog.Load(_folder.Root), new Dictionary<string, string?>());
        var service = new SkillExecutionService(harness.Skills, null!, harness.Prices, harness.Router);
        var skill = harness.Skills.Find("eng/gold-writer")!;

        var (model, tier, reason) = service.ModelOf(skill);
        var dryRun = service.DryRun(skill, null, null);

        Assert.Contains(model, s_gold);
        Assert.Equal("gold", tier);
        Assert.Contains("tier gold", reason, StringComparison.Ordinal);
        Assert.Equal(model, dryRun.Model);
        Assert.NotEqual(SkillDefinition.DefaultModel, dryRun.Model);
        Assert.Equal(harness.Prices.Get(model).Cost(dryRun.PromptTokens, 500), dryRun.EstimateUsd);
        Assert.Equal(("openai/gpt-4o-mini", (string?)null), (service.ModelOf(skill, "openai/gpt-4o-mini").Model, service.ModelOf(skill, "openai/gpt-4o-mini").Tier));
    }
}
