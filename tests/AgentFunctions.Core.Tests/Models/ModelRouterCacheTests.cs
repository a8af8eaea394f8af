using AgentFunctions.Core.Models;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Models;

/// <summary>The response cache answers an identical request of the same scope without a request.</summary>
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
        Assert.Empty(second.Attempts);
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
    public async Task CompleteAsync_CacheFull_EvictsTheLeastRecentlyUsed()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("fresh"));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint)
            .With("Models:Routing:CacheEnabled", "true").With("Models:Routing:CacheMaxEntries", "1"));
        var plan = router.Plan("fake/a", null, "fake/c");
        var one = RouterFactory.Request("one") with { CacheScope = "s" };
        var two = RouterFactory.Request("two") with { CacheScope = "s" };

        await router.CompleteAsync(plan, one);
        await router.CompleteAsync(plan, two);
        var again = await router.CompleteAsync(plan, one);

        Assert.False(again.Cached);
        Assert.Equal(3, server.Requests.Count);
    }
}
