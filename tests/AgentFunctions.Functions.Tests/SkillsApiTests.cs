using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>The skills and domains API against the running app (recorded models: nothing here calls a model).</summary>
[Collection(AppCollection.Name)]
public sealed class SkillsApiTests(AppFixture fixture)
{
    private readonly AppHarness _app = fixture.Harness;

    [Fact]
    public async Task DryRun_SeedResumeScreen_ReturnsEveryLayerTheManifestAndACostEstimate()
    {
        using var response = await _app.Http.PostAsJsonAsync("api/skills/hr/resume-screen/execute", new { dryRun = true });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var system = body["systemPrompt"]!.GetValue<string>();
        var layers = new[] { "# Workspace", "# HR Domain", "# Resume Screening" }.Select(h => system.IndexOf(h, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(layers.All(i => i >= 0) && layers.SequenceEqual(layers.Order()), $"layers missing or out of order in:\n{system}");
        Assert.DoesNotContain("daily_usd", system, StringComparison.Ordinal); // DOMAIN.md frontmatter is not prompt text
        Assert.Equal(["workspace", "domain", "skill", "input"], body["manifest"]!["sections"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.Contains("resume_text", body["userMessage"]!.GetValue<string>(), StringComparison.Ordinal); // the fixture input
        Assert.Equal("anthropic/claude-sonnet-4.5", body["model"]!.GetValue<string>());
        var estimate = body["estimateUsd"]!.GetValue<decimal>();
        var expected = (body["promptTokens"]!.GetValue<int>() * 3.00m + body["maxOutputTokens"]!.GetValue<int>() * 15.00m) / 1_000_000m;
        Assert.Equal(expected, estimate);
    }

    [Fact]
    public async Task Domains_ListSpendLimitsAndStatus_IncludingDomainMdBudgets()
    {
        var list = (await _app.Http.GetFromJsonAsync<JsonObject>("api/domains"))!;
        var hr = list["domains"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "hr")!;

        Assert.Equal(2m, hr["budget"]!["day"]!["limitUsd"]!.GetValue<decimal>());
        Assert.Equal("healthy", hr["status"]!.GetValue<string>());
        Assert.Contains("hr/resume-screen", hr["skills"]!.AsArray().Select(s => s!.GetValue<string>()));
        using var missing = await _app.Http.GetAsync("api/domains/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task GetSkill_ReturnsItsValidationReportAndRoutes()
    {
        var classifier = (await _app.Http.GetFromJsonAsync<JsonObject>("api/skills/platform/classifier"))!;

        Assert.True(classifier["validation"]!["valid"]!.GetValue<bool>());
        Assert.Contains(classifier["routesTo"]!.AsArray(), r => r!["target"]!.GetValue<string>() == "hr/resume-screen");
        Assert.NotNull(classifier["outputSchema"]);
        using var missing = await _app.Http.GetAsync("api/skills/platform/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
