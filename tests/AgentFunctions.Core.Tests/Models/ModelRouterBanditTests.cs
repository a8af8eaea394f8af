using AgentFunctions.Core.Models;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Models;

/// <summary>A node that asks for a tier gets the model the UCB1 bandit ranks first.</summary>
public sealed class ModelRouterBanditTests
{
    // Two silver models at the same price: fake/a always fails with 500, fake/b answers.
    private static Dictionary<string, string?> TwoSilverModels(Uri endpoint) => RouterFactory.ThreeModels(endpoint)
        .With("Models:Pool:fake/b:InputPerMillionUsd", "1")
        .With("Models:Pool:fake/b:OutputPerMillionUsd", "2")
        .With("Models:Pool:fake/a:Fallbacks:0", "")
        .With("Models:Pool:fake/b:Fallbacks:0", "");

    [Fact]
    public async Task Plan_Tier_UntriedArmsFirstWithDeterministicTieBreaks()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("ok"));
        using var router = RouterFactory.Create(TwoSilverModels(server.Endpoint));

        var plan = router.Plan(null, "silver", "fake/c");

        Assert.Equal("tier:silver", plan.Requested);
        Assert.Equal(ModelTier.Silver, plan.BanditTier);
        Assert.Equal(["fake/a", "fake/b"], plan.Candidates.Select(c => c.Model));
        Assert.Contains("UCB1 chose fake/a (not tried yet)", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_TierCalls_TheBanditLearnsToPreferTheModelThatAnswers()
    {
        await using var server = FakeOpenAIServer.Start(body =>
            body["model"]!.GetValue<string>() == "model-a" ? FakeModelReply.Status(500) : new FakeModelReply("ok") { InputTokens = 100, OutputTokens = 10 });
        using var router = RouterFactory.Create(TwoSilverModels(server.Endpoint));

        var primaries = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var plan = router.Plan(null, "silver", "fake/c");
            primaries.Add(plan.Primary.Model);
            var result = await router.CompleteAsync(plan, RouterFactory.Request($"call {i}"));
            Assert.Equal("fake/b", result.Model);
        }

        Assert.Equal("fake/a", primaries[0]);
        Assert.Equal("fake/b", router.Plan(null, "silver", "fake/c").Primary.Model);
        Assert.True(server.RequestsFor("model-a") == 4, $"the failing model was tried {server.RequestsFor("model-a")} times: {string.Join(",", primaries)}");
        Assert.Equal(20, server.RequestsFor("model-b"));
    }

    [Fact]
    public async Task Plan_TierWithBanditOff_CheapestModelOfTheTierFirst()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("ok"));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint)
            .With("Models:Routing:Bandit", "false")
            .With("Models:Pool:fake/b:InputPerMillionUsd", "0.1")
            .With("Models:Pool:fake/b:OutputPerMillionUsd", "0.1"));

        var plan = router.Plan(null, "silver", "fake/c");

        Assert.Null(plan.BanditTier);
        Assert.Equal(["fake/b", "fake/a", "fake/c"], plan.Candidates.Select(c => c.Model));
        Assert.Contains("the cheapest model fake/b", plan.Reason, StringComparison.Ordinal);
    }
}
