using AgentFunctions.Core.Models;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Models;

/// <summary>The response cache (<c>DistributedCachingChatClient</c> in the provider pipeline) answers an identical request of the
/// same scope without a request to the provider, at no cost.</summary>
public sealed class ModelRouterCacheTests
{
    [Fact]
    public async Task CompleteAsync_SameRequestAndScope_ReturnsTheCachedResponseWithoutARequest()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("fresh") { InputTokens = 100, OutputTokens = 20 });
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint).With("Models:Routing:CacheEnabled", "true"));
        var plan = router.Plan("fake/a", null, "fake/c");
        var request = RouterFactory.Request() with { CacheScope = "run-1/planner/1" };

        var first = await router.CompleteAsync(plan, request);
        var second = await router.CompleteAsync(plan, request);
        var otherScope = await router.CompleteAsync(plan, request with { CacheScope = "run-1/planner/2" });

        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Equal(("fresh", "fake/a", 0m, 100L, 20L), (second.Response.Text, second.Model, second.CostUsd, second.InputTokens, second.OutputTokens));
        Assert.Equal(ModelAttemptOutcome.Answered, Assert.Single(second.Attempts).Outcome);
        Assert.False(otherScope.Cached);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task CompleteAsync_CacheOff_EveryCallIsSent()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("fresh"));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint));
        var plan = router.Plan("fake/a", null, "fake/c");
        var request = RouterFactory.Request() with { CacheScope = "run-1/planner/1" };

        await router.CompleteAsync(plan, request);
        var second = await router.CompleteAsync(plan, request);

        Assert.False(second.Cached);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task CompleteAsync_RequestWithoutScope_IsNotCached()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("fresh"));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint).With("Models:Routing:CacheEnabled", "true"));
        var plan = router.Plan("fake/a", null, "fake/c");
        var request = RouterFactory.Request() with { CacheScope = null };

        await router.CompleteAsync(plan, request);
        var second = await router.CompleteAsync(plan, request);

        Assert.False(second.Cached);
        Assert.Equal(2, server.Requests.Count);
    }
}
