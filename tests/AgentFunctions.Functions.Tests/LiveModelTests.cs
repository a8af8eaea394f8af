using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// The same git-to-prod graph against a live OpenAI-compatible endpoint (a local server speaking the wire protocol,
/// answering each skill with the text of its demo recording): the official OpenAI SDK path end to end, usage priced.
/// </summary>
public sealed class LiveModelTests : IAsyncLifetime
{
    private FakeOpenAIServer? _model;
    private AppHarness? _app;

    public async Task InitializeAsync()
    {
        _model = FakeOpenAIServer.Start(AnswerLikeTheRecording);
        _app = await AppHarness.StartAsync(new Dictionary<string, string>
        {
            ["Models__OpenAI__Endpoint"] = _model.Endpoint.ToString(),
            ["Models__OpenAI__ApiKey"] = "test-key",
        });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_model is not null)
        {
            await _model.DisposeAsync();
        }
    }

    private static string AnswerLikeTheRecording(JsonObject request)
    {
        var system = request["messages"]![0]!["content"]!.GetValue<string>();
        var skill = system.Contains("# Plan a bug fix", StringComparison.Ordinal) ? "planner"
            : system.Contains("# Fix Python code", StringComparison.Ordinal) ? "python-fixer"
            : system.Contains("# Write a regression test", StringComparison.Ordinal) ? "test-writer"
            : "frontend-fixer";
        var file = Path.Combine(AppHarness.RepositoryRoot, "examples", "recordings", "engineering", skill + ".json");
        return JsonNode.Parse(File.ReadAllText(file))!["responses"]![0]!["response"]!.GetValue<string>();
    }

    [Fact]
    public async Task GitToProd_WithALiveEndpoint_CallsItForEveryModelNodeAndPricesItsUsage()
    {
        var runId = await _app!.SubmitAsync(new { graph = "git-to-prod" });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));

        Assert.True(run["status"]!.GetValue<string>() == "succeeded", run.ToJsonString());
        Assert.Equal(4, _model!.Requests.Count);
        Assert.All(_model.Requests, r => Assert.Equal("gpt-4o-mini", r["model"]!.GetValue<string>()));
        Assert.All(_model.Requests, r => Assert.Contains("# Engineering Domain Agent", r["messages"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.False(run["recorded"]!.GetValue<bool>());
        foreach (var node in GitToProdDemoTests.Nodes(run).Values.Where(n => n["kind"]!.GetValue<string>() == "skill"))
        {
            Assert.Equal("openai", node["provider"]!.GetValue<string>());
            Assert.False(node["recorded"]!.GetValue<bool>());
            Assert.True(node["costUsd"]!.GetValue<decimal>() > 0);
            Assert.True(node["details"]!["usage_reported"]!.GetValue<bool>());
            Assert.False(node["details"]!["cached"]!.GetValue<bool>());
            var attempt = Assert.Single(node["details"]!["attempts"]!.AsArray());
            Assert.Equal(("openai/gpt-4o-mini", "answered"), (attempt!["model"]!.GetValue<string>(), attempt["outcome"]!.GetValue<string>()));
        }
    }
}
