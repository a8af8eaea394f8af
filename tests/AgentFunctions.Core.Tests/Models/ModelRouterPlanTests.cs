using AgentFunctions.Core.Models;

namespace AgentFunctions.Core.Tests.Models;

/// <summary>Planning is pure: the candidates and their reasons follow from the pool and which providers are configured.</summary>
public sealed class ModelRouterPlanTests
{
    private static readonly Uri s_endpoint = new("http://127.0.0.1:9/v1");

    [Fact]
    public void Plan_NodeModel_PrimaryThenItsFallbackChainExpandedTransitively()
    {
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(s_endpoint));

        var plan = router.Plan("fake/a", null, "fake/c");

        Assert.Equal(["fake/a", "fake/b", "fake/c"], plan.Candidates.Select(c => c.Model));
        Assert.Equal(["model-a", "model-b", "model-c"], plan.Candidates.Select(c => c.ProviderModel));
        Assert.Equal("the node asks for fake/a", plan.Primary.Reason);
        Assert.Equal("fallback 1 of fake/a", plan.Candidates[1].Reason);
        Assert.Null(plan.BanditTier);
    }

    [Fact]
    public void Plan_NoModelNorTier_UsesTheSkillsModel()
    {
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(s_endpoint));

        var plan = router.Plan(null, null, "fake/b");

        Assert.Equal(["fake/b", "fake/c"], plan.Candidates.Select(c => c.Model));
        Assert.Equal("the skill's model fake/b", plan.Reason);
    }

    [Fact]
    public void Plan_ProviderNotConfigured_LeavesItsModelsOutAndSaysSo()
    {
        using var router = RouterFactory.Create(new Dictionary<string, string?> { ["Models:OpenAI:ApiKey"] = "sk-test" });

        var plan = router.Plan("openai/gpt-4.1-mini", null, "openai/gpt-4o-mini");

        Assert.Equal(["openai/gpt-4.1-mini", "openai/gpt-4o-mini", "openai/gpt-4.1-nano"], plan.Candidates.Select(c => c.Model));
        Assert.Contains("left out: anthropic/claude-haiku-4.5 (provider anthropic not configured)", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoLiveProvider_TheRecordedProviderReplaysThePrimary()
    {
        using var router = RouterFactory.Create(new Dictionary<string, string?>());

        var plan = router.Plan(null, null, "openai/gpt-4o-mini");

        var candidate = Assert.Single(plan.Candidates);
        Assert.Equal(("openai/gpt-4o-mini", "recorded"), (candidate.Model, candidate.Provider));
        Assert.Contains("no live model is configured", plan.Reason, StringComparison.Ordinal);
        Assert.False(router.HasLiveModel);
    }

    [Fact]
    public void Plan_OpenAIModelOverride_OneCandidateOnTheOpenAIEndpointPricedAsAsked()
    {
        using var router = RouterFactory.Create(new Dictionary<string, string?>
        {
            ["Models:OpenAI:Endpoint"] = "http://127.0.0.1:11434/v1",
            ["Models:OpenAI:Model"] = "llama3.1",
        });

        var plan = router.Plan("anthropic/claude-sonnet-4.5", null, "openai/gpt-4o-mini");

        var candidate = Assert.Single(plan.Candidates);
        Assert.Equal(("anthropic/claude-sonnet-4.5", "openai", "llama3.1", 3.00m), (candidate.Model, candidate.Provider, candidate.ProviderModel, candidate.Price.InputPerMillionUsd));
        Assert.Contains("Models:OpenAI:Model", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_UnknownModelOrTier_ThrowsNamingIt()
    {
        using var router = RouterFactory.Create(new Dictionary<string, string?>());

        Assert.Contains("'openai/gpt-9'", Assert.Throws<ArgumentException>(() => router.Plan("openai/gpt-9", null, "openai/gpt-4o-mini")).Message, StringComparison.Ordinal);
        Assert.Contains("'platinum'", Assert.Throws<ArgumentException>(() => router.Plan(null, "platinum", "openai/gpt-4o-mini")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Downgrade_GoldModel_TheCheapestModelOfTheNextLowerTier()
    {
        using var router = RouterFactory.Create(new Dictionary<string, string?> { ["Models:OpenAI:ApiKey"] = "sk-test", ["Models:Anthropic:ApiKey"] = "sk-ant" });

        var down = router.Downgrade("openai/gpt-4.1");

        Assert.Equal(("openai/gpt-4.1-mini", ModelTier.Silver, "openai"), (down!.Model, down.Tier, down.Provider));
        Assert.Contains("downgraded from openai/gpt-4.1 (gold)", down.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Downgrade_BronzeOrUnknownModel_Null()
    {
        using var router = RouterFactory.Create(new Dictionary<string, string?> { ["Models:OpenAI:ApiKey"] = "sk-test" });

        Assert.Null(router.Downgrade("openai/gpt-4.1-nano"));
        Assert.Null(router.Downgrade("openai/gpt-9"));
    }

    [Fact]
    public void Estimate_PromptAndOutputLimit_PricedPerMillionTokens()
    {
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(s_endpoint));

        Assert.Equal((2000 * 3m + 500 * 4m) / 1_000_000m, router.Estimate(router.Plan("fake/b", null, "fake/c").Primary, 2000, 500));
    }
}
