using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// Budgets are checked before every model call against a live OpenAI-compatible endpoint (a local wire-protocol server):
/// under each policy a call that does not fit never reaches the server, and the reason is in the events and the run.
/// The engineering domain gets a $0.0025 daily budget here; one planner call reserves about $0.00168 (gpt-4o-mini).
/// </summary>
public sealed class BudgetPolicyTests : IAsyncLifetime
{
    // A fresh app per test: each test starts from an untouched domain budget and an empty request log.
    private readonly BudgetFixture _fixture = new();
    private AppHarness? _app;
    private FakeOpenAIServer? _model;

    public async Task InitializeAsync()
    {
        await _fixture.InitializeAsync();
        (_app, _model) = (_fixture.App, _fixture.Model);
    }

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private static string Planner(string id, string extra = "") =>
        $"  {id}:\n    skill: engineering/planner\n{extra}    with: {{ issue: 'answer() returns 41', repo: examples/sample-repo }}\n";

    private static string Graph(string name, string budget, string policy, string nodes) =>
        $"name: {name}\nbudget:\n  max_cost_usd: {budget}\n  on_exceed: {policy}\nnodes:\n{nodes}";

    private async Task<(JsonObject Run, IReadOnlyList<JsonObject> Events)> RunToEndAsync(string yaml)
    {
        var runId = await _app!.SubmitAsync(new { graphYaml = yaml });
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));
        return (run, await _app.GetEventsAsync(runId));
    }

    private static JsonObject Event(IReadOnlyList<JsonObject> events, string type) => events.Single(e => e["type"]!.GetValue<string>() == type);

    [Fact]
    public async Task PolicyFail_CallOverRunBudget_NeverReachesTheModel()
    {
        var (run, events) = await RunToEndAsync(Graph("fail", "0.001", "fail", Planner("plan")));

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("run budget $0.001", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("run", Event(events, "budget_exceeded")["data"]!["scope"]!.GetValue<string>());
        Assert.Empty(_model!.Requests);
    }

    [Fact]
    public async Task PolicySkip_OptionalNodeOverBudget_IsSkippedAndTheRunGoesOn()
    {
        var yaml = Graph("skip", "0.001", "skip", Planner("extra", "    optional: true\n")
            + "  after:\n    tool: shell\n    needs: extra\n    with: { command: 'echo ran after the skipped node' }\n");

        var (run, events) = await RunToEndAsync(yaml);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var nodes = GitToProdDemoTests.Nodes(run);
        Assert.Equal("skipped", nodes["extra"]["status"]!.GetValue<string>());
        Assert.Contains("skipped before the model call", nodes["extra"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("succeeded", nodes["after"]["status"]!.GetValue<string>());
        Assert.Equal("skip", Event(events, "budget_exceeded")["data"]!["policy"]!.GetValue<string>());
        Assert.Empty(_model!.Requests);
    }

    [Fact]
    public async Task PolicyDowngrade_ExpensiveModelDoesNotFit_CheaperModelAnswers()
    {
        var (run, events) = await RunToEndAsync(Graph("downgrade", "0.002", "downgrade", Planner("plan", "    model: openai/gpt-4o\n")));

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var downgraded = Event(events, "budget_downgraded")["data"]!;
        Assert.Equal("openai/gpt-4o", downgraded["from"]!.GetValue<string>());
        var cheaper = downgraded["to"]!.GetValue<string>();
        Assert.Equal([cheaper["openai/".Length..]], _model!.Requests.Select(r => r["model"]!.GetValue<string>()));
        Assert.Equal(cheaper, GitToProdDemoTests.Nodes(run)["plan"]["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task PolicyApprove_RunWaitsWithoutCalling_ThenApprovalLetsTheCallThrough()
    {
        var runId = await _app!.SubmitAsync(new { graphYaml = Graph("approve", "0.001", "approve", Planner("plan")) });
        JsonObject run;
        do
        {
            await Task.Delay(100);
            run = await _app.GetRunAsync(runId);
        }
        while (run["status"]!.GetValue<string>() is "pending" or "running");

        Assert.Equal("awaiting_approval", run["status"]!.GetValue<string>());
        Assert.Equal("plan", run["pendingApprovals"]![0]!["node"]!.GetValue<string>());
        Assert.Contains("run budget", run["pendingApprovals"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_model!.Requests);

        using var decision = await _app.Http.PostAsJsonAsync($"api/runs/{runId}/approvals", new { approved = true, by = "test", comment = "ok" });
        Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
        var (done, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));

        Assert.Equal("succeeded", done["status"]!.GetValue<string>());
        Assert.Single(_model.Requests);
        using var again = await _app.Http.PostAsJsonAsync($"api/runs/{runId}/approvals", new { approved = true });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task DomainDailyBudget_TwoRunsInParallel_CannotOverspendItTogether()
    {
        var yaml = Graph("domain", "1", "fail", Planner("plan"));
        var ids = await Task.WhenAll(_app!.SubmitAsync(new { graphYaml = yaml }), _app.SubmitAsync(new { graphYaml = yaml }));
        var runs = await Task.WhenAll(ids.Select(id => _app.WaitForEndAsync(id, TimeSpan.FromSeconds(60))));

        Assert.Equal(["failed", "succeeded"], runs.Select(r => r.Run["status"]!.GetValue<string>()).Order());
        var failed = runs.Single(r => r.Run["status"]!.GetValue<string>() == "failed").Run;
        Assert.Contains("domain 'engineering' daily budget $0.0025", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(_model!.Requests);

        var domain = await _app.Http.GetFromJsonAsync<JsonObject>("api/domains/engineering");
        Assert.Equal(0.0025m, domain!["budget"]!["day"]!["limitUsd"]!.GetValue<decimal>());
        Assert.True(domain["budget"]!["day"]!["spentUsd"]!.GetValue<decimal>() > 0);
        Assert.Equal(0, domain["reservations"]!.GetValue<int>());
    }
}

/// <summary>The app and model of one <see cref="BudgetPolicyTests"/> test, with a $0.0025 daily budget on the engineering domain.</summary>
public sealed class BudgetFixture : LiveAppFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Budgets__Domains__engineering__DailyUsd"] = "0.0025" };

    protected override string Answer(JsonObject request) => LiveModelTests.AnswerLikeTheRecording(request);
}
