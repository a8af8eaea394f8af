using AgentFunctions.Core.Models;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Models;

/// <summary>
/// The Anthropic provider through the official SDK, its BaseUrl pointed at a local server speaking the Messages API
/// (<c>POST /v1/messages</c>).
/// </summary>
public sealed class AnthropicProviderTests
{
    [Fact]
    public async Task CompleteAsync_AnthropicModel_CallsTheMessagesApiWithTheProviderNameAndPricesTheUsage()
    {
        await using var server = FakeAnthropicServer.Start(_ => new FakeModelReply("Hello.") { InputTokens = 1000, OutputTokens = 100 });
        using var router = RouterFactory.Create(new Dictionary<string, string?>
        {
            ["Models:Anthropic:Endpoint"] = server.Endpoint.ToString(),
            ["Models:Anthropic:ApiKey"] = "sk-ant-test",
        });

        var result = await router.CompleteAsync(router.Plan("anthropic/claude-haiku-4.5", null, "openai/gpt-4o-mini"), RouterFactory.Request());

        Assert.Equal("Hello.", result.Response.Text);
        Assert.Equal("anthropic/claude-haiku-4.5", result.Model);
        Assert.Equal("anthropic", result.Provider);
        Assert.Equal(1000, result.InputTokens);
        Assert.Equal((1000 * 1.00m + 100 * 5.00m) / 1_000_000m, result.CostUsd);
        var body = Assert.Single(server.Requests);
        Assert.Equal("claude-haiku-4-5", body["model"]!.GetValue<string>());
        Assert.Equal(200, body["max_tokens"]!.GetValue<int>());
        Assert.Equal("You are terse.", body["system"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("Say hello.", body["messages"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Contains("sk-ant-test", Assert.Single(server.Headers)["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_AnthropicRateLimited_FallsBackToAnOpenAIModelOnAnotherServer()
    {
        await using var anthropic = FakeAnthropicServer.Start(_ => FakeModelReply.Status(429));
        await using var openAI = FakeOpenAIServer.Start(_ => new FakeModelReply("From OpenAI.") { InputTokens = 100, OutputTokens = 10 });
        using var router = RouterFactory.Create(new Dictionary<string, string?>
        {
            ["Models:Anthropic:Endpoint"] = anthropic.Endpoint.ToString(),
            ["Models:OpenAI:Endpoint"] = openAI.Endpoint.ToString(),
        });

        var result = await router.CompleteAsync(router.Plan("anthropic/claude-haiku-4.5", null, "openai/gpt-4o-mini"), RouterFactory.Request());

        Assert.Equal("openai/gpt-4o-mini", result.Model);
        Assert.Equal("openai", result.Provider);
        Assert.Equal((100 * 0.15m + 10 * 0.60m) / 1_000_000m, result.CostUsd);
        Assert.Equal([ModelAttemptOutcome.RateLimited, ModelAttemptOutcome.Answered], result.Attempts.Select(a => a.Outcome));
        Assert.Single(anthropic.Requests);
        Assert.Equal("gpt-4o-mini", Assert.Single(openAI.Requests)["model"]!.GetValue<string>());
    }
}
