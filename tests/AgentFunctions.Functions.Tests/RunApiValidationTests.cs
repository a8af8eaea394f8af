using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>Bad requests get RFC 7807 problem details naming the field, node or YAML line; nothing is started.</summary>
[Collection(AppCollection.Name)]
public sealed class RunApiValidationTests(AppFixture fixture)
{
    private readonly AppHarness _app = fixture.Harness;

    private async Task<(HttpStatusCode Status, JsonObject Problem)> PostAsync(object body)
    {
        using var response = await _app.Http.PostAsJsonAsync("api/runs", body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private static JsonObject Error(JsonObject problem, string code) =>
        problem["errors"]!.AsArray().Select(e => e!.AsObject()).First(e => e["code"]!.GetValue<string>() == code);

    [Fact]
    public async Task PostRun_CyclicGraph_Returns400NamingTheCycleNodeAndLine()
    {
        const string yaml = "name: loop\nnodes:\n  a:\n    tool: shell\n    needs: c\n    with: { command: 'true' }\n  b:\n    tool: shell\n    needs: a\n    with: { command: 'true' }\n  c:\n    tool: shell\n    needs: b\n    with: { command: 'true' }\n";

        var (status, problem) = await PostAsync(new { graphYaml = yaml });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid-run-request", problem["code"]!.GetValue<string>());
        var cycle = Error(problem, "cycle");
        Assert.Equal("a", cycle["node"]!.GetValue<string>());
        Assert.Equal(3, cycle["line"]!.GetValue<int>());
        Assert.Matches("a → [bc] → [bc] → a", cycle["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostRun_GraphNested40000Levels_Returns400TooDeep_AndTheAppKeepsServing()
    {
        var yaml = "name: deep\nnodes:\n  a: " + new string('[', 40_000) + new string(']', 40_000) + "\n";

        var (status, problem) = await PostAsync(new { graphYaml = yaml });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("64", Error(problem, "too_deep")["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(_app.App.HasExited);
        using var health = await _app.Http.GetAsync("api/health");
        Assert.True(health.IsSuccessStatusCode);
    }

    [Fact]
    public async Task PostRun_WhenConditionOf1MBOfBangs_Returns400TooLarge_AndTheAppKeepsServing()
    {
        var yaml = "name: bangs\nnodes:\n  a:\n    tool: noop\n  b:\n    tool: noop\n    needs: a\n    when: \"" + new string('!', 1_000_000) + "true\"\n";

        var (status, problem) = await PostAsync(new { graphYaml = yaml });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "too_large");
        Assert.False(_app.App.HasExited);
    }

    [Fact]
    public async Task PostRun_UnknownSkill_Returns400NamingTheNodeAndLine()
    {
        const string yaml = "name: bad-skill\nnodes:\n  writer:\n    skill: engineering/poet\n";

        var (status, problem) = await PostAsync(new { graphYaml = yaml });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Error(problem, "unknown_skill");
        Assert.Equal("writer", error["node"]!.GetValue<string>());
        Assert.Equal(4, error["line"]!.GetValue<int>());
        Assert.Contains("engineering/poet", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_YamlSyntaxError_Returns400WithTheLine()
    {
        const string yaml = "name: broken\nnodes:\n  a:\n    tool: shell\n    with: { command: 'true'\n  b: [\n";

        var (status, problem) = await PostAsync(new { graphYaml = yaml });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Error(problem, "yaml_syntax");
        Assert.True(error["line"]!.GetValue<int>() >= 5, $"line should point at the broken flow mapping: {error}");
    }

    [Fact]
    public async Task PostRun_UnknownGraph_Returns404ListingKnownGraphs()
    {
        var (status, problem) = await PostAsync(new { graph = "no-such-graph" });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("graph-not-found", problem["code"]!.GetValue<string>());
        Assert.Contains("git-to-prod", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_WrongInputType_Returns400NamingTheField()
    {
        var (status, problem) = await PostAsync(new { graph = "git-to-prod", inputs = new { repo = 42, bogus = "x" } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var fields = problem["errors"]!.AsArray().Select(e => e!["field"]?.GetValue<string>()).ToList();
        Assert.Contains("inputs.repo", fields);
        Assert.Contains("inputs.bogus", fields);
    }

    [Fact]
    public async Task PostRun_InvalidJson_Returns400()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await _app.Http.PostAsync("api/runs", content);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-json", problem!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetRun_Unknown_Returns404Problem()
    {
        using var response = await _app.Http.GetAsync("api/runs/run-does-not-exist");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("run-not-found", problem!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetGraphs_ListsTheDemoGraphAsValid()
    {
        var list = await _app.Http.GetFromJsonAsync<JsonObject>("api/graphs");

        var demo = list!["graphs"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "git-to-prod")!;
        Assert.True(demo["valid"]!.GetValue<bool>());
        Assert.Equal(8, demo["nodes"]!.GetValue<int>());
    }

    [Fact]
    public async Task PostRun_SameRunIdTwice_StartsOneRun()
    {
        var id = $"idem-{Guid.NewGuid():N}"[..20];
        var body = new { graphYaml = "name: one\nnodes:\n  a:\n    tool: shell\n    with: { command: 'true' }\n", runId = id };

        using var first = await _app.Http.PostAsJsonAsync("api/runs", body);
        using var second = await _app.Http.PostAsJsonAsync("api/runs", body);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.True((await first.Content.ReadFromJsonAsync<JsonObject>())!["created"]!.GetValue<bool>());
        Assert.False((await second.Content.ReadFromJsonAsync<JsonObject>())!["created"]!.GetValue<bool>());
        var (run, _) = await _app.WaitForEndAsync(id, TimeSpan.FromSeconds(60));
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
    }
}
