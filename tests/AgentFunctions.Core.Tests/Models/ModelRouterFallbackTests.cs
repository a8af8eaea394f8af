using AgentFunctions.Core.Models;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AgentFunctions.Core.Tests.Models;

/// <summary>The router against a real HTTP server speaking the OpenAI wire protocol, through the official OpenAI SDK.</summary>
public sealed class ModelRouterFallbackTests
{
    private static async Task<(ModelCallResult Result, FakeOpenAIServer Server)> CallAsync(
        Func<string, FakeModelReply> byModel, Func<Dictionary<string, string?>, Dictionary<string, string?>>? configure = null)
    {
        var server = FakeOpenAIServer.Start(body => byModel(body["model"]!.GetValue<string>()));
        using var router = RouterFactory.Create((configure ?? (s => s))(RouterFactory.ThreeModels(server.Endpoint)));
        return (await router.CompleteAsync(router.Plan("fake/a", null, "fake/c"), RouterFactory.Request()), server);
    }

    [Fact]
    public async Task CompleteAsync_OpenAIEndpoint_SendsTheCallAndPricesTheReportedUsage()
    {
        await using var server = FakeOpenAIServer.Start(_ => new FakeModelReply("{\"ok\":true}") { InputTokens = 1000, OutputTokens = 500 });
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint));

        var result = await router.CompleteAsync(router.Plan("fake/a", null, "fake/c"), RouterFactory.Request() with { Temperature = 0.5f, JsonOutput = true });

        Assert.Equal("{\"ok\":true}", result.Response.Text);
        Assert.Equal(("fake/a", "fake", false, false), (result.Model, result.Provider, result.Recorded, result.Cached));
        Assert.Equal((1000L, 500L), (result.InputTokens, result.OutputTokens));
        Assert.Equal((1000 * 1m + 500 * 2m) / 1_000_000m, result.CostUsd);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(ModelAttemptOutcome.Answered, attempt.Outcome);
        var body = Assert.Single(server.Requests);
        Assert.Equal("model-a", body["model"]!.GetValue<string>());
        Assert.Equal(0.5, body["temperature"]!.GetValue<double>(), 3);
        Assert.Equal("json_object", body["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal("You are terse.", body["messages"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteAsync_FirstModelRateLimited_FallsBackAndPricesTheModelThatAnswered()
    {
        var (result, server) = await CallAsync(m => m == "model-a" ? FakeModelReply.Status(429) : new FakeModelReply("ok") { InputTokens = 1000, OutputTokens = 1000 });
        await using var _ = server;

        Assert.Equal("fake/b", result.Model);
        Assert.Equal((1000 * 3m + 1000 * 4m) / 1_000_000m, result.CostUsd);
        Assert.Equal([("fake/a", ModelAttemptOutcome.RateLimited), ("fake/b", ModelAttemptOutcome.Answered)], result.Attempts.Select(a => (a.Model, a.Outcome)));
        Assert.Contains("429", result.Attempts[0].Error, StringComparison.Ordinal);
        Assert.Contains("fake/a rate_limited", result.Reason, StringComparison.Ordinal);
        Assert.Equal((1, 1, 0), (server.RequestsFor("model-a"), server.RequestsFor("model-b"), server.RequestsFor("model-c")));
    }

    [Fact]
    public async Task CompleteAsync_ServerErrors_FallBackAlongTheChainTransitively()
    {
        var (result, server) = await CallAsync(m => m == "model-c" ? new FakeModelReply("ok") { InputTokens = 10, OutputTokens = 10 } : FakeModelReply.Status(503));
        await using var _ = server;

        Assert.Equal("fake/c", result.Model);
        Assert.Equal((10 * 0.5m + 10 * 1m) / 1_000_000m, result.CostUsd);
        Assert.Equal([ModelAttemptOutcome.ServerError, ModelAttemptOutcome.ServerError, ModelAttemptOutcome.Answered], result.Attempts.Select(a => a.Outcome));
    }

    [Fact]
    public async Task CompleteAsync_FirstModelTooSlow_TimesOutAndFallsBack()
    {
        // model-a does not answer within the test (its reply waits an hour; disposing the server ends it). The attempt
        // timeout runs on a fake clock that the test moves past it once model-a has the request, so nothing depends on
        // how fast this machine is.
        var time = new FakeTimeProvider();
        await using var server = FakeOpenAIServer.Start(body => body["model"]!.GetValue<string>() == "model-a"
            ? new FakeModelReply("late") { Delay = TimeSpan.FromHours(1) }
            : new FakeModelReply("on time"));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint).With("Models:Routing:AttemptTimeout", "00:00:30"), time: time);

        var call = router.CompleteAsync(router.Plan("fake/a", null, "fake/c"), RouterFactory.Request());
        Assert.True(await EventuallyAsync(() => server.RequestsFor("model-a") == 1), "model-a never received the request");
        time.Advance(TimeSpan.FromSeconds(30));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("on time", result.Response.Text);
        Assert.Equal([("fake/a", ModelAttemptOutcome.Timeout), ("fake/b", ModelAttemptOutcome.Answered)], result.Attempts.Select(a => (a.Model, a.Outcome)));
        Assert.Equal(30_000, result.Attempts[0].DurationMs);
        Assert.Contains("no answer within 30000 ms", result.Attempts[0].Error, StringComparison.Ordinal);
        Assert.Equal((1, 1, 0), (server.RequestsFor("model-a"), server.RequestsFor("model-b"), server.RequestsFor("model-c")));
    }

    [Fact]
    public async Task CompleteAsync_NonRetryableError_StopsWithoutFallingBack()
    {
        await using var server = FakeOpenAIServer.Start(_ => FakeModelReply.Status(400));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint));

        var ex = await Assert.ThrowsAsync<ModelCallFailedException>(() => router.CompleteAsync(router.Plan("fake/a", null, "fake/c"), RouterFactory.Request()));

        var attempt = Assert.Single(ex.Attempts);
        Assert.Equal(ModelAttemptOutcome.Error, attempt.Outcome);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CompleteAsync_EveryCandidateFails_ThrowsTheTypedExceptionWithEveryAttempt()
    {
        await using var server = FakeOpenAIServer.Start(body => body["model"]!.GetValue<string>() == "model-b" ? FakeModelReply.Status(429) : FakeModelReply.Status(500));
        using var router = RouterFactory.Create(RouterFactory.ThreeModels(server.Endpoint));

        var ex = await Assert.ThrowsAsync<ModelCallFailedException>(() => router.CompleteAsync(router.Plan("fake/a", null, "fake/c"), RouterFactory.Request()));

        Assert.Equal("fake/a", ex.Requested);
        Assert.Equal(
            [("fake/a", ModelAttemptOutcome.ServerError), ("fake/b", ModelAttemptOutcome.RateLimited), ("fake/c", ModelAttemptOutcome.ServerError)],
            ex.Attempts.Select(a => (a.Model, a.Outcome)));
        Assert.All(ex.Attempts, a => Assert.Equal("fake", a.Provider));
        Assert.Contains("after 3 attempt(s)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    /// <summary>Polls until <paramref name="condition"/> holds, for at most 30 seconds.</summary>
    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(20))
        {
            if (waited > TimeSpan.FromSeconds(30))
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
