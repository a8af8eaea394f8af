using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// Replay and fork on the real app with a live OpenAI-compatible endpoint: upstream nodes are copied (a shell tool that
/// counts its executions in a file proves they did not run), recorded replays reuse the parent's model answers at no cost
/// and without reaching the endpoint, live replays call it again, and compare shows what differs.
/// </summary>
public sealed class ReplayTests(ReplayFixture fixture) : IClassFixture<ReplayFixture>
{
    private readonly AppHarness _app = fixture.App;
    private readonly FakeOpenAIServer _model = fixture.Model;

    private static string Graph(string counter, string gate = "") =>
        "name: replayable\ninputs:\n  word: { type: string, default: alpha }\nnodes:\n"
        + $"  prep:\n    tool: shell\n    with: {{ command: 'echo ran >> {counter}; echo prepared' }}\n"
        + "  plan:\n    skill: engineering/planner\n    needs: prep\n    with: { issue: 'answer() returns 41', repo: examples/sample-repo }\n"
        + $"  after:\n    tool: shell\n    needs: plan\n{gate}    with: {{ command: 'echo after-${{{{ inputs.word }}}}' }}\n";

    private async Task<JsonObject> ReplayAsync(string runId, object body, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        using var response = await _app.Http.PostAsJsonAsync($"api/runs/{runId}/replay", body);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {json}");
        return json;
    }

    private async Task<JsonObject> RunToEndAsync(string runId)
    {
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));
        Assert.True(run["status"]!.GetValue<string>() == "succeeded", run.ToJsonString());
        return run;
    }

    [Fact]
    public async Task Replay_RecordedAndLive_CopiesUpstreamNodes_RecordedCostsNothing_CompareShowsTheDifferences()
    {
        var counter = Path.Combine(_app.WorkRoot, $"prep-{Guid.NewGuid():N}.txt");
        var parentId = await _app.SubmitAsync(new { graphYaml = Graph(counter) });
        var parent = await RunToEndAsync(parentId);
        var requests = _model.Requests.Count;
        var parentPlan = GitToProdDemoTests.Nodes(parent)["plan"];
        Assert.True(parentPlan["costUsd"]!.GetValue<decimal>() > 0);

        // Recorded: prep is copied, plan re-runs on the parent's answer, after runs again.
        var accepted = await ReplayAsync(parentId, new { fromNode = "plan", mode = "recorded" });
        Assert.Equal(["prep"], accepted["replay"]!["copiedNodes"]!.AsArray().Select(n => n!.GetValue<string>()));
        var recorded = await RunToEndAsync(accepted["runId"]!.GetValue<string>());
        var nodes = GitToProdDemoTests.Nodes(recorded);
        Assert.Single(File.ReadAllLines(counter));
        Assert.Equal(requests, _model.Requests.Count);
        Assert.Equal(parentId, recorded["replay"]!["parentRunId"]!.GetValue<string>());
        Assert.Equal("replay", recorded["source"]!.GetValue<string>());
        Assert.StartsWith($"Replay of run {parentId} from node 'plan' (recorded mode; copied from the parent without running: prep). Succeeded.", recorded["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(parentId, nodes["prep"]["details"]!["copied_from"]!.GetValue<string>());
        Assert.Equal("replay", nodes["plan"]["provider"]!.GetValue<string>());
        Assert.Equal(parentId, nodes["plan"]["details"]!["replayed_from"]!.GetValue<string>());
        Assert.Equal(0m, nodes["plan"]["costUsd"]!.GetValue<decimal>());
        Assert.Equal(0m, recorded["costUsd"]!.GetValue<decimal>());
        Assert.True(JsonNode.DeepEquals(parentPlan["output"], nodes["plan"]["output"]));
        Assert.Equal("succeeded", nodes["after"]["status"]!.GetValue<string>());

        // Live with new inputs: the model is called again and after's output changes.
        var live = await RunToEndAsync((await ReplayAsync(parentId, new { fromNode = "plan", mode = "live", inputs = new { word = "beta" } }))["runId"]!.GetValue<string>());
        Assert.Single(File.ReadAllLines(counter));
        Assert.Equal(requests + 1, _model.Requests.Count);
        Assert.True(live["costUsd"]!.GetValue<decimal>() > 0);

        var compare = await _app.Http.GetFromJsonAsync<JsonObject>($"api/runs/{parentId}/compare/{live["runId"]}");
        var byId = compare!["nodes"]!.AsArray().ToDictionary(n => n!["id"]!.GetValue<string>(), n => n!);
        Assert.True(compare["sameGraph"]!.GetValue<bool>());
        Assert.Equal("/word", compare["inputDifferences"]![0]!["path"]!.GetValue<string>());
        var output = byId["after"]["outputDifferences"]!.AsArray().Single(d => d!["path"]!.GetValue<string>() == "/output")!;
        Assert.Contains("after-alpha", output["a"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("after-beta", output["b"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(byId["prep"]["copiedInB"]!.GetValue<bool>());
        Assert.False(byId["prep"]["changed"]!.GetValue<bool>());
        Assert.Empty(byId["plan"]["outputDifferences"]!.AsArray());
        Assert.Equal(1, compare["summary"]!["outputChanged"]!.GetValue<int>());
        Assert.Equal(["prep", "plan", "after"], compare["b"]!["path"]!.AsArray().Select(n => n!.GetValue<string>()));

        var cheaper = await _app.Http.GetFromJsonAsync<JsonObject>($"api/runs/{parentId}/compare/{recorded["runId"]}");
        Assert.Equal(-parent["costUsd"]!.GetValue<decimal>(), cheaper!["summary"]!["costDeltaUsd"]!.GetValue<decimal>());
        Assert.Equal(0, cheaper["summary"]!["statusChanged"]!.GetValue<int>());
    }

    [Fact]
    public async Task Replay_BadRequests_GetProblemsNamingTheField()
    {
        var counter = Path.Combine(_app.WorkRoot, $"prep-{Guid.NewGuid():N}.txt");
        var gated = await _app.SubmitAsync(new { graphYaml = Graph(counter, "    approval: required\n") });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await _app.GetRunAsync(gated))["status"]!.GetValue<string>() != "awaiting_approval")
        {
            Assert.True(DateTime.UtcNow < deadline, "the run never waited for approval");
            await Task.Delay(100);
        }

        var notEnded = await ReplayAsync(gated, new { fromNode = "plan" }, HttpStatusCode.Conflict);
        Assert.Contains("only an ended run", notEnded["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var reject = await _app.Http.PostAsJsonAsync($"api/runs/{gated}/approvals", new { approved = false, by = "tester" });
        await _app.WaitForEndAsync(gated, TimeSpan.FromSeconds(60));

        var unknownNode = await ReplayAsync(gated, new { fromNode = "nope" }, HttpStatusCode.BadRequest);
        Assert.Equal("fromNode", unknownNode["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Contains("prep, plan, after", unknownNode["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var badMode = await ReplayAsync(gated, new { fromNode = "plan", mode = "again" }, HttpStatusCode.BadRequest);
        Assert.Equal("mode", badMode["errors"]![0]!["field"]!.GetValue<string>());
        var missing = await ReplayAsync("run-missing-1", new { fromNode = "plan" }, HttpStatusCode.NotFound);
        Assert.Equal("run-not-found", missing["code"]!.GetValue<string>());

        using var compare = await _app.Http.GetAsync($"api/runs/{gated}/compare/run-missing-2");
        Assert.Equal(HttpStatusCode.NotFound, compare.StatusCode);
        Assert.Contains("run-missing-2", await compare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>The app and a live model endpoint answering like the recordings, shared by the replay tests.</summary>
public sealed class ReplayFixture : LiveAppFixture
{
    /// <inheritdoc/>
    protected override string Answer(JsonObject request) => LiveModelTests.AnswerLikeTheRecording(request);
}
