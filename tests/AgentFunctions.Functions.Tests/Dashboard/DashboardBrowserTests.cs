using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AgentFunctions.Functions.Tests.Dashboard;

/// <summary>
/// The dashboard in headless chromium against the real app on Azurite: start git-to-prod and watch it run, read a node's
/// context manifest, approve a waiting run, replay from a node and compare, the knowledge and domain pages, and a key that may
/// not see a run. Every page makes requests to 127.0.0.1 only. Screenshots go to artifacts/test-results/screenshots/.
/// </summary>
public sealed partial class DashboardBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly string[] s_branches = ["python_fixer", "test_writer", "frontend_fixer"];
    private static readonly (string From, string To)[] s_edges =
    [
        ("planner", "python_fixer"), ("planner", "test_writer"), ("planner", "frontend_fixer"),
        ("python_fixer", "aggregator"), ("test_writer", "aggregator"), ("frontend_fixer", "aggregator"),
        ("aggregator", "tester"), ("tester", "security"), ("security", "release"),
    ];

    [Fact]
    public async Task GitToProd_StartedFromTheDashboard_TurnsGreenInDependencyOrder_FanOutInParallel_ThenReplayAndCompare()
    {
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await session.ScreenshotAsync("01-runs");

        await page.GetByTestId("start-graph").SelectOptionAsync("git-to-prod");
        // The inputs box shows the graph's declared inputs with their defaults (sent as they are, so the recordings match).
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=start-inputs]').value.includes('examples/sample-repo')", null, new() { Timeout = 60_000 });
        await page.GetByTestId("start-run").ClickAsync();
        var runId = await (await page.GetByTestId("run-id").ElementHandleAsync(new() { Timeout = 30_000 }))!.InnerTextAsync();
        Assert.StartsWith("run-", runId, StringComparison.Ordinal);

        // Mid-run: python_fixer makes five recorded model calls of 2 s each, so the fan-out is on screen for ten seconds or more.
        await session.WaitForAsync("[data-testid=dag-node][data-node=python_fixer]:is([data-status=scheduled],[data-status=running])", "dag-node");
        await session.ScreenshotAsync("02-run-mid");
        await session.WaitForAsync("[data-testid=run-status][data-status=succeeded]", "run-status");
        await session.WaitForAsync("[data-testid=dag-node][data-node=release][data-status=succeeded]", "dag-node");
        await session.ScreenshotAsync("03-run-finished");

        var transitions = await session.TransitionsAsync(runId);
        int First(string node, params string[] statuses) => transitions.ToList().FindIndex(t => t.Node == node && statuses.Contains(t.Status));
        var shown = string.Join(", ", transitions.Select(t => $"{t.Node}:{t.Status}"));
        Assert.Equal(8, await page.GetByTestId("dag-node").CountAsync());
        Assert.Equal(9, await page.GetByTestId("dag-edge").CountAsync());
        foreach (var node in s_edges.SelectMany(e => new[] { e.From, e.To }).Distinct())
        {
            Assert.True(First(node, "succeeded") >= 0, $"{node} was never shown succeeded: {shown}");
            Assert.True(First(node, "scheduled", "running") >= 0, $"{node} was never shown scheduled or running: {shown}");
        }

        foreach (var (from, to) in s_edges)
        {
            Assert.True(First(from, "succeeded") < First(to, "scheduled", "running"), $"{to} started before {from} succeeded: {shown}");
        }

        // The fan-out ran in parallel: all three branches were under way before any of them had finished.
        var lastBranchStart = s_branches.Max(b => First(b, "scheduled", "running"));
        var firstBranchDone = s_branches.Min(b => First(b, "succeeded"));
        Assert.True(lastBranchStart < firstBranchDone, $"the three fan-out nodes did not overlap: {shown}");

        // The node panel: python_fixer's context manifest and its five tool calls.
        await page.Locator("[data-testid=dag-node][data-node=python_fixer]").ClickAsync();
        await page.GetByTestId("manifest-toggle").ClickAsync();
        var sections = page.GetByTestId("manifest-section");
        await sections.First.WaitForAsync();
        Assert.Contains("skill", await sections.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-name'))"));
        Assert.Contains("openai/gpt-4o-mini", await page.GetByTestId("node-model").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByTestId("tools-toggle").ClickAsync();
        Assert.Equal(5, await page.GetByTestId("tool-call").CountAsync());
        await session.ScreenshotAsync("04-node-manifest");

        // Replay from the aggregator (recorded), then compare the two runs.
        await page.Locator("[data-testid=dag-node][data-node=aggregator]").ClickAsync();
        await page.GetByTestId("replay-mode").SelectOptionAsync("recorded");
        await page.GetByTestId("replay").ClickAsync();
        await page.GetByTestId("replay-info").WaitForAsync(new() { Timeout = 30_000 });
        var replayId = await page.GetByTestId("run-id").InnerTextAsync();
        Assert.NotEqual(runId, replayId);
        await session.WaitForAsync("[data-testid=run-status][data-status=succeeded]", "run-status");
        await session.ScreenshotAsync("05-replay-finished");
        await page.GetByTestId("compare-link").ClickAsync();
        await page.GetByTestId("compare-nodes").WaitForAsync();
        Assert.Equal(runId, await page.GetByTestId("compare-a").InnerTextAsync());
        Assert.Equal(replayId, await page.GetByTestId("compare-b").InnerTextAsync());
        Assert.Equal(8, await page.GetByTestId("compare-node").CountAsync());
        Assert.Contains("(copied in B)", await page.Locator("[data-testid=compare-node][data-node=planner]").InnerTextAsync(), StringComparison.Ordinal);
        await session.ScreenshotAsync("06-compare");

        AssertStayedLocal(session);
    }

    [Fact]
    public async Task WaitingRun_AppearsLiveInTheRunList_ApprovedWithACommentFromTheRunPage_Succeeds()
    {
        var yaml = "name: gated\nnodes:\n  build:\n    tool: shell\n    with: { command: 'echo built' }\n  deploy:\n    tool: shell\n    needs: build\n    approval: required\n    with: { command: 'echo deployed' }\n";
        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await page.Locator("[data-testid=runs-live]:text-is('live')").WaitForAsync(new() { Timeout = 60_000 });

        // The run list follows GET /api/runs/stream: a run started elsewhere appears, and its status changes, without a reload.
        var runId = await fixture.App.SubmitAsync(new { graphYaml = yaml });
        await session.WaitForAsync($"[data-testid=run-row][data-run-id={runId}][data-status=awaiting_approval]", "run-row");
        await page.GetByTestId("filter-search").FillAsync(runId);
        await session.WaitForAsync($"[data-testid=runs-body]:has([data-run-id={runId}]):not(:has([data-testid=run-row]:not([data-run-id={runId}])))", "runs-search");
        await page.GetByTestId("filter-status").SelectOptionAsync("awaiting_approval");
        await session.WaitForAsync($"[data-testid=run-row][data-run-id={runId}]", "runs-filter");
        await session.ScreenshotAsync("07-runs-filtered");
        await page.Locator($"[data-testid=run-row][data-run-id={runId}] [data-testid=run-link]").ClickAsync();

        await session.WaitForAsync("[data-testid=pending-approval][data-node=deploy]", "pending-approval");
        Assert.Equal("awaiting_approval", await page.GetByTestId("run-status").GetAttributeAsync("data-status"));
        await session.ScreenshotAsync("08-run-awaiting-approval");
        await page.GetByTestId("approval-comment").FillAsync("ship it");
        await page.GetByTestId("approve").ClickAsync();
        await session.WaitForAsync("[data-testid=run-status][data-status=succeeded]", "run-status");
        await session.WaitForAsync("[data-testid=dag-node][data-node=deploy][data-status=succeeded]", "dag-node");
        Assert.Contains("approved by dashboard (\"ship it\")", await page.GetByTestId("run-summary").InnerTextAsync(), StringComparison.Ordinal);
        await session.ScreenshotAsync("09-run-approved");

        AssertStayedLocal(session);
    }

    [Fact]
    public async Task KnowledgeAndDomains_Render_AndAKeyOfAnotherDomain_IsToldItMayNotSeeTheRun()
    {
        foreach (var name in new[] { "spend-a", "spend-b" }) // at least two runs, so the spend chart has a line to draw
        {
            var id = await fixture.App.SubmitAsync(new { graphYaml = $"name: {name}\nnodes:\n  a:\n    tool: shell\n    with: {{ command: 'true' }}\n" });
            await fixture.App.WaitForEndAsync(id, TimeSpan.FromMinutes(2));
        }

        await using (var session = await fixture.OpenAsync())
        {
            var page = session.Page;
            await session.GoAsync("/domains");
            await page.Locator("[data-testid=domain][data-domain=engineering]").WaitForAsync();
            Assert.True(await page.GetByTestId("budget-gauge").CountAsync() >= 2);
            await page.Locator("[data-testid=spend-chart] canvas").WaitForAsync();
            Assert.True(int.Parse(await page.GetByTestId("spend-chart").GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 2);
            await session.ScreenshotAsync("10-domains");
            await session.GoAsync("/knowledge/engineering/planner");
            await page.GetByTestId("accept-chart").WaitForAsync();
            await page.GetByText("Regression tests").WaitForAsync();
            await session.ScreenshotAsync("11-knowledge");
            AssertStayedLocal(session);
        }

        var runId = await fixture.App.SubmitAsync(new { graph = "git-to-prod" });
        using var created = await fixture.App.Http.PostAsJsonAsync("api/keys", new { name = "hr reader", role = "reader", domains = new[] { "hr" } });
        var key = (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        await using var hr = await fixture.OpenAsync(key);
        await hr.GoAsync($"/runs/{runId}");
        await hr.Page.GetByTestId("forbidden").WaitForAsync();
        Assert.Contains("Your key may not see this", await hr.Page.GetByTestId("forbidden").InnerTextAsync(), StringComparison.Ordinal);
        await hr.ScreenshotAsync("12-forbidden");
        AssertStayedLocal(hr);
        await fixture.App.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
    }

    internal static void AssertStayedLocal(DashboardSession session)
    {
        Assert.NotEmpty(session.Requests);
        Assert.True(session.ForeignRequests.IsEmpty, "The dashboard requested other hosts than 127.0.0.1: " + string.Join(", ", session.ForeignRequests));
        Assert.All(session.Requests, url => Assert.Matches(LocalUrl(), url));
    }

    [GeneratedRegex(@"^(http://127\.0\.0\.1:\d+/|data:|blob:)")]
    private static partial Regex LocalUrl();
}
