using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// The same git-to-prod graph against a live OpenAI-compatible endpoint (a local server speaking the wire protocol,
/// answering each skill with the text of its demo recording): the official OpenAI SDK path end to end, usage priced.
/// </summary>
public sealed class LiveModelTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private readonly AppHarness _app = fixture.App;
    private readonly FakeOpenAIServer _model = fixture.Model;

    internal static string AnswerLikeTheRecording(JsonObject request)
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
        var before = _model.Requests.Count;
        var runId = await _app.SubmitAsync(new { graph = "git-to-prod" });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));

        Assert.True(run["status"]!.GetValue<string>() == "succeeded", run.ToJsonString());
        var requests = _model.Requests.Skip(before).ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.Equal("gpt-4o-mini", r["model"]!.GetValue<string>()));
        Assert.All(requests, r => Assert.Contains("# Engineering Domain Agent", r["messages"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal));
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

    [Fact]
    public async Task ExecuteSkill_DryRun_ReturnsTheAssembledPromptManifestAndEstimate_WithoutCallingTheModel()
    {
        var before = _model.Requests.Count;
        using var response = await _app.Http.PostAsJsonAsync("api/skills/engineering/planner/execute", new { input = new { issue = "answer() returns 41" }, dryRun = true });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var system = body["systemPrompt"]!.GetValue<string>();
        Assert.True(system.IndexOf("# Workspace", StringComparison.Ordinal) < system.IndexOf("# Engineering Domain Agent", StringComparison.Ordinal));
        Assert.Contains("answer() returns 41", body["userMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["workspace", "domain", "skill", "input"], body["manifest"]!["sections"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.True(body["estimateUsd"]!.GetValue<decimal>() > 0);
        Assert.Equal(before, _model.Requests.Count);
    }

    [Fact]
    public async Task ExecuteSkill_Waits_ThenReturnsTheOutputAsRunAndNode()
    {
        var before = _model.Requests.Count;
        using var response = await _app.Http.PostAsJsonAsync("api/skills/engineering/planner/execute", new { input = new { issue = "answer() returns 41", repo = "examples/sample-repo" } });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("succeeded", "planner"), (body["status"]!.GetValue<string>(), body["node"]!.GetValue<string>()));
        Assert.NotNull(body["output"]!["tasks"]);
        var run = await _app.GetRunAsync(body["runId"]!.GetValue<string>());
        Assert.Equal("planner", run["nodes"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(before + 1, _model.Requests.Count);
    }

    [Fact]
    public async Task ExecuteSkill_NoWait_Answers202WithTheRunId()
    {
        using var response = await _app.Http.PostAsJsonAsync("api/skills/engineering/planner/execute", new { input = new { issue = "x" }, waitSeconds = 0 });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var (run, _) = await _app.WaitForEndAsync(body["runId"]!.GetValue<string>(), TimeSpan.FromSeconds(60));
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Skills_ListAndUnknownSkill()
    {
        var list = (await _app.Http.GetFromJsonAsync<JsonObject>("api/skills"))!;
        Assert.Contains(list["skills"]!.AsArray(), s => s!["id"]!.GetValue<string>() == "engineering/planner");

        using var missing = await _app.Http.PostAsJsonAsync("api/skills/engineering/poet/execute", new { });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}

/// <summary>The shared app and model of <see cref="LiveModelTests"/>.</summary>
public sealed class LiveModelFixture : LiveAppFixture
{
    protected override string Answer(JsonObject request) => LiveModelTests.AnswerLikeTheRecording(request);
}
