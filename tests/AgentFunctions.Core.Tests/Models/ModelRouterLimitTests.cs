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
        // Each reply waits until two requests are at the server at once (or 30 s pass; the attempt timeout is 10 s, so a limit that serialised the calls would fail the test): with a limit of 4 the second call
        // arrives while the first is held, whatever the machine's speed; with a limit of 1 it could not, and this fails.
        var arrived = 0;
        using var two = new ManualResetEventSlim();
        await using var server = FakeOpenAIServer.Start(_ =>
        {
            if (Interlocked.Increment(ref arrived) >= 2)
            {
                two.Set();
            }

            two.Wait(TimeSpan.FromSeconds(30));
            return new FakeModelReply("ok");
        });
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint).With("Models:Pool:fake/a:MaxConcurrency", "4"));
        var plan = router.Plan("fake/a", null, "fake/c");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => router.CompleteAsync(plan, RouterFactory.Request($"call {i}"))));

        Assert.All(results, r => Assert.Equal("fake/a", r.Model));
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
