using AgentFunctions.Core.Models;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Models;

/// <summary>The budget gate is asked before every attempt; a refused model never receives a request.</summary>
public sealed class ModelRouterBudgetGateTests
{
    [Fact]
    public async Task CompleteAsync_GateRefusesTheFirstModel_ItReceivesNoRequestAndTheRefusalIsRecorded()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("ok"));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint));
        var asked = new List<(string Model, decimal Estimate)>();
        var request = RouterFactory.Request(gate: (c, estimate) =>
        {
            asked.Add((c.Model, estimate));
            return c.Model == "fake/a" ? "Budget: too expensive for this node" : null;
        }) with { PromptTokens = 1000 };
        var plan = router.Plan("fake/a", null, "fake/c");

        var result = await router.CompleteAsync(plan, request);

        Assert.Equal("fake/b", result.Model);
        Assert.Equal(0, server.RequestsFor("model-a"));
        Assert.Equal(1, server.RequestsFor("model-b"));
        Assert.Equal([("fake/a", router.Estimate(plan.Candidates[0], 1000, 200)), ("fake/b", router.Estimate(plan.Candidates[1], 1000, 200))], asked);
        Assert.Equal((1000 * 1m + 200 * 2m) / 1_000_000m, asked[0].Estimate);
        Assert.Equal(new ModelAttempt("fake/a", "fake", ModelAttemptOutcome.RefusedByBudget, "Budget: too expensive for this node", 0), result.Attempts[0]);
    }

    [Fact]
    public async Task CompleteAsync_GateRefusesEveryModel_NoRequestIsSentAndTheExceptionSaysSo()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("ok"));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint));

        var ex = await Assert.ThrowsAsync<ModelCallFailedException>(() =>
            router.CompleteAsync(router.Plan("fake/a", null, "fake/c"), RouterFactory.Request(gate: (c, _) => $"no budget for {c.Model}")));

        Assert.True(ex.RefusedByBudget);
        Assert.Equal(["fake/a", "fake/b", "fake/c"], ex.Attempts.Select(a => a.Model));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CompleteAsync_PromptExceedsTheContextWindow_SkipsThatModelWithoutARequest()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("ok"));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint).With("Models:Pool:fake/a:ContextWindowTokens", "1000"));

        var result = await router.CompleteAsync(router.Plan("fake/a", null, "fake/c"), RouterFactory.Request() with { PromptTokens = 900 });

        Assert.Equal("fake/b", result.Model);
        Assert.Equal(ModelAttemptOutcome.ContextExceeded, result.Attempts[0].Outcome);
        Assert.Equal(0, server.RequestsFor("model-a"));
    }
}
