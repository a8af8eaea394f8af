using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentFunctions.Functions.Tests.Dashboard;

/// <summary>
/// Correcting a node from the dashboard, on an app of its own: the correction becomes a reflexion rule of
/// engineering/planner, which changes that skill's later prompts, so it must not share an app with the tests that replay
/// git-to-prod's recorded responses.
/// </summary>
public sealed class DashboardCorrectionTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task CorrectingANodeFromTheRunPage_ShowsCorrectionRuleAndTestOnTheKnowledgePage()
    {
        var runId = await fixture.App.SubmitAsync(new { graph = "git-to-prod" });
        var (ended, _) = await fixture.App.WaitForEndAsync(runId, TimeSpan.FromMinutes(4));
        Assert.Equal("succeeded", ended["status"]!.GetValue<string>());

        await using var session = await fixture.OpenAsync();
        var page = session.Page;
        await session.GoAsync($"/runs/{runId}");
        await session.WaitForAsync("[data-testid=dag-node][data-node=planner][data-status=succeeded]", "dag-node");

        // Wait until the page has every event of the ended run (the stream sends them all on connect, and each may redraw the
        // node panel), so the form below is the one that stays.
        var eventCount = (await fixture.App.GetEventsAsync(runId)).Count;
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('[data-testid=run-event]').length >= {eventCount}", null, new() { Timeout = 120_000 });
        await page.Locator("[data-testid=dag-node][data-node=planner]").ClickAsync();
        await page.GetByTestId("correction-text").FillAsync("List the files each specialist must touch, one per line.");
        Assert.Equal("List the files each specialist must touch, one per line.", await page.GetByTestId("correction-text").InputValueAsync());
        await page.GetByTestId("correct").ClickAsync();
        await session.WaitForAsync("[data-testid=correction-sent]", "correction-sent");
        var correctionId = Regex.Match(await page.GetByTestId("correction-sent").InnerTextAsync(), @"Correction (\S+) accepted").Groups[1].Value;
        Assert.NotEmpty(correctionId);

        // The corrections queue turns it into a rule and a test; the knowledge page shows the chain once it has.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        JsonObject correction;
        while ((correction = (await fixture.App.Http.GetFromJsonAsync<JsonObject>("api/knowledge/corrections?skill=engineering/planner"))!["corrections"]!.AsArray()
            .Select(c => c!.AsObject()).Single(c => c["id"]!.GetValue<string>() == correctionId))["status"]!.GetValue<string>() != "processed")
        {
            Assert.True(DateTime.UtcNow < deadline, $"the correction was not processed: {correction}");
            await Task.Delay(500);
        }

        var ruleId = correction["ruleId"]!.GetValue<string>();
        var testId = correction["testId"]!.GetValue<string>();
        await session.GoAsync("/knowledge/engineering/planner");
        await session.WaitForAsync($"[data-testid=corrections-row][data-id='{correctionId}']", "corrections-row");
        var row = await page.Locator($"[data-testid=corrections-row][data-id='{correctionId}']").InnerTextAsync();
        Assert.Contains(ruleId, row, StringComparison.Ordinal);
        Assert.Contains(testId, row, StringComparison.Ordinal);
        Assert.Contains(correctionId, await page.Locator($"[data-testid=reflexions-row][data-id='{ruleId}']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(ruleId, await page.Locator($"[data-testid=tests-row][data-id='{testId}']").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByTestId("accept-rate-latest").WaitForAsync();
        await session.ScreenshotAsync("13-knowledge-after-correction");
        DashboardBrowserTests.AssertStayedLocal(session);
    }

}
