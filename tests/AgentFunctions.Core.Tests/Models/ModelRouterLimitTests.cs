using AgentFunctions.Core.Models;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Models;

/// <summary>Per-model concurrency and requests-per-minute limits, observed by a real server.</summary>
public sealed class ModelRouterLimitTests
{
    private static async Task<FakeOpenAIServer> RunParallelAsync(string maxConcurrency, int calls)
    {
        var server = FakeOpenAIServer.Start(_ => new FakeModelReply("ok") { Delay = TimeSpan.FromMilliseconds(150) });
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint).With("Models:Pool:fake/a:MaxConcurrency", maxConcurrency));
        var plan = router.Plan("fake/a", null, "fake/c");
        var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(i => router.CompleteAsync(plan, RouterFactory.Request($"call {i}"))));
        Assert.All(results, r => Assert.Equal("fake/a", r.Model));
        return server;
    }

    [Fact]
    public async Task CompleteAsync_MaxConcurrencyOne_TheServerNeverSeesTwoCallsInFlight()
    {
        await using var server = await RunParallelAsync("1", 4);

        Assert.Equal(4, server.RequestsFor("model-a"));
        Assert.Equal(1, server.MaxInFlight);
    }

    [Fact]
    public async Task CompleteAsync_MaxConcurrencyFour_CallsOverlap()
    {
        await using var server = await RunParallelAsync("4", 4);

        Assert.True(server.MaxInFlight > 1, $"max in flight {server.MaxInFlight}");
    }

    [Fact]
    public async Task CompleteAsync_RequestsPerMinuteReached_TheCallCountsAsRateLimitedAndFallsBackWithoutARequest()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("ok"));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint)
            .With("Models:Pool:fake/a:RequestsPerMinute", "1")
            .With("Models:Routing:RateLimitWait", "00:00:00"));
        var plan = router.Plan("fake/a", null, "fake/c");

        var first = await router.CompleteAsync(plan, RouterFactory.Request("one"));
        var second = await router.CompleteAsync(plan, RouterFactory.Request("two"));

        Assert.Equal("fake/a", first.Model);
        Assert.Equal("fake/b", second.Model);
        Assert.Equal(ModelAttemptOutcome.RateLimited, second.Attempts[0].Outcome);
        Assert.Contains("1 requests per minute", second.Attempts[0].Error, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestsFor("model-a"));
    }

    [Fact]
    public async Task CompleteAsync_RequestsPerMinuteReached_WaitsUpToRateLimitWaitBeforeFallingBack()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("ok"));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint)
            .With("Models:Pool:fake/a:RequestsPerMinute", "1")
            .With("Models:Routing:RateLimitWait", "00:00:00.400"));
        var plan = router.Plan("fake/a", null, "fake/c");

        await router.CompleteAsync(plan, RouterFactory.Request("one"));
        var second = await router.CompleteAsync(plan, RouterFactory.Request("two"));

        Assert.Equal(ModelAttemptOutcome.RateLimited, second.Attempts[0].Outcome);
        Assert.InRange(second.Attempts[0].DurationMs, 350, 5000);
        Assert.Equal("fake/b", second.Model);
    }
}
