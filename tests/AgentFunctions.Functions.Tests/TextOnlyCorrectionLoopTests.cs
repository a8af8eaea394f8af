using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentFunctions.Core.Storage;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// The learning loop never reports an empty pass, end to end on Azurite through the real app, with a local OpenAI-wire model
/// that obeys learned rules and a judge model (<c>Learning:JudgeModel</c>) on the same server: a correction given as text
/// only (<c>If fit_score is 50-70, ALWAYS recommend discuss</c>) yields a deterministic, conditional assertion grounded in
/// hr/resume-screen's output_schema; the exported promptfoo suite fails in promptfoo while the rule is not in the prompt
/// (<c>Learning:InjectCandidates=false</c> keeps a candidate out) and passes once validation has activated it; an export
/// with nothing runnable answers 409.
/// </summary>
public sealed partial class TextOnlyCorrectionLoopTests(TextOnlyCorrectionLoopFixture fixture) : IClassFixture<TextOnlyCorrectionLoopFixture>
{
    private const string Rule = "If fit_score is 50-70, ALWAYS recommend discuss";
    private readonly AppHarness _app = fixture.App;

    /// <summary>
    /// The model: resume-screen scores 60 and recommends "discuss" only when the prompt's learned-rules section has a rule
    /// saying fit_score a-b → discuss with 60 in a..b; the judge passes an output whose recommendation is "discuss".
    /// </summary>
    internal static string Answer(JsonObject request)
    {
        var system = request["messages"]![0]!["content"]!.GetValue<string>();
        var user = request["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
        if (system.StartsWith("You grade the output of an AI skill", StringComparison.Ordinal))
        {
            var pass = user.Contains("\"recommendation\":\"discuss\"", StringComparison.Ordinal);
            return $$"""{"pass": {{(pass ? "true" : "false")}}, "reason": "{{(pass ? "recommends discuss" : "does not recommend discuss")}}"}""";
        }

        if (system.Contains("# Plan a bug fix", StringComparison.Ordinal))
        {
            return LearningLoopTests.Answer(request);
        }

        var at = system.IndexOf("## Learned Rules (from past corrections)", StringComparison.Ordinal);
        var learned = at >= 0 && LearnedRangeRegex().Match(system[at..]) is { Success: true } m &&
                      int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) <= 60 && 60 <= int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["candidate_summary"] = "Backend engineer, 6 years, Python and Go.",
            ["fit_score"] = 60,
            ["recommendation"] = learned ? "discuss" : "proceed",
            ["required_match"] = new JsonObject { ["met"] = new JsonArray("Python"), ["missing"] = new JsonArray("PostgreSQL") },
            ["preferred_match"] = new JsonObject { ["met"] = new JsonArray(), ["missing"] = new JsonArray("payments") },
            ["strengths"] = new JsonArray("event streaming"),
            ["concerns"] = new JsonArray("no PostgreSQL"),
            ["reasoning"] = learned ? "A score of 60 calls for a conversation." : "Good enough backend profile.",
        }.ToJsonString();
    }

    [Fact]
    public async Task TextOnlyCorrection_GivesADeterministicTest_PromptfooFailsWithoutTheRuleAndPassesOnceValidationActivatesIt()
    {
        // 0. Nothing learned yet: the export is refused instead of an empty suite that passes.
        await AssertRefusedAsync("hr/resume-screen", "has no regression tests yet");

        // 1. An execution the recruiter corrects with words only.
        var first = await ExecuteAsync("hr/resume-screen");
        Assert.Equal(("proceed", 60), (first["output"]!["recommendation"]!.GetValue<string>(), first["output"]!["fit_score"]!.GetValue<int>()));
        using (var correction = await _app.Http.PostAsJsonAsync($"api/runs/{first["runId"]}/nodes/{first["node"]}/corrections", new { text = Rule, by = "recruiter" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, correction.StatusCode);
        }

        // 2. The corrections queue function writes the rule and a test with a deterministic, conditional assertion (rows in Table storage).
        var test = await WaitAsync(async () => (await _app.Http.GetFromJsonAsync<JsonObject>("api/knowledge/tests?skill=hr/resume-screen"))!["tests"]!.AsArray().FirstOrDefault()?.AsObject(), "the test");
        var equals = test["assertions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "equals")!;
        Assert.Equal(("/recommendation", "discuss"), (equals["path"]!.GetValue<string>(), equals["value"]!.GetValue<string>()));
        Assert.Equal(("output", "/fit_score", 50m, 70m), (equals["when"]!["source"]!.GetValue<string>(), equals["when"]!["path"]!.GetValue<string>(),
            equals["when"]!["minimum"]!.GetValue<decimal>(), equals["when"]!["maximum"]!.GetValue<decimal>()));
        var rows = new List<string>();
        foreach (var prefix in new[] { "refl|", "test|" })
        {
            await foreach (var row in _app.Storage.Tables.GetTableClient("Knowledge").QueryPrefixAsync("hr~resume-screen", prefix))
            {
                rows.Add(row.RowKey);
            }
        }

        Assert.Equal(["refl|REFL-001", "test|TEST-001"], rows);

        // 3. The exported suite fails in promptfoo while the rule is only a candidate (not injected here).
        var yaml = await _app.Http.GetStringAsync("api/knowledge/tests/hr/resume-screen/export?format=promptfoo");
        var (exitCode, output, results) = await LearningLoopTests.PromptfooAsync(yaml, _app.App.AdminKey!);
        Assert.True(exitCode != 0, $"promptfoo passed without the rule:\n{output}");
        Assert.Equal((0, 1), (results["results"]!["stats"]!["successes"]!.GetValue<int>(), results["results"]!["stats"]!["failures"]!.GetValue<int>()));

        // 4. Validation: the deterministic assertion (and the judge's rubric) pass with the rule and fail without it; the rule becomes active.
        var report = await ValidateAsync();
        var result = report["tests"]!.AsArray().Single()!;
        Assert.Equal(("passed", "failed", true), (result["withRule"]!["outcome"]!.GetValue<string>(), result["withoutRule"]!["outcome"]!.GetValue<string>(), result["ruleMadeDifference"]!.GetValue<bool>()));
        var rubric = result["withRule"]!["assertions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "rubric")!;
        Assert.Equal("passed", rubric["outcome"]!.GetValue<string>());
        Assert.StartsWith("judge:", rubric["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("REFL-001", "active"), (report["rules"]![0]!["ruleId"]!.GetValue<string>(), report["rules"]![0]!["statusAfter"]!.GetValue<string>()));

        // 5. Now the app injects the active rule, and the same suite passes in promptfoo.
        (exitCode, output, results) = await LearningLoopTests.PromptfooAsync(yaml, _app.App.AdminKey!);
        Assert.True(exitCode == 0, $"promptfoo exited {exitCode} with the rule active:\n{output}");
        Assert.Equal((1, 0), (results["results"]!["stats"]!["successes"]!.GetValue<int>(), results["results"]!["stats"]!["failures"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Export_OnlyRubricTests_Is409SayingWhy()
    {
        var run = await ExecuteAsync("engineering/planner", new { issue = "answer() returns 41" });
        using (var correction = await _app.Http.PostAsJsonAsync($"api/runs/{run["runId"]}/nodes/{run["node"]}/corrections", new { text = "Explain the root cause more clearly." }))
        {
            Assert.Equal(HttpStatusCode.Accepted, correction.StatusCode);
        }

        var test = await WaitAsync(async () => (await _app.Http.GetFromJsonAsync<JsonObject>("api/knowledge/tests?skill=engineering/planner"))!["tests"]!.AsArray().FirstOrDefault()?.AsObject(), "the test");
        Assert.Equal(["rubric"], test["assertions"]!.AsArray().Select(a => a!["type"]!.GetValue<string>()));

        await AssertRefusedAsync("engineering/planner", "has a deterministic assertion");
        using var withRubric = await _app.Http.GetAsync("api/knowledge/tests/engineering/planner/export?format=promptfoo&rubric=true");
        Assert.Equal(HttpStatusCode.OK, withRubric.StatusCode);
    }

    private async Task AssertRefusedAsync(string skill, string why)
    {
        using var response = await _app.Http.GetAsync($"api/knowledge/tests/{skill}/export?format=promptfoo");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("no-runnable-tests", problem["code"]!.GetValue<string>());
        Assert.Contains(why, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<JsonObject> ExecuteAsync(string skill, object? input = null)
    {
        using var response = await _app.Http.PostAsJsonAsync($"api/skills/{skill}/execute", new { input, waitSeconds = 60 });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK && body["status"]!.GetValue<string>() == "succeeded", body.ToJsonString());
        return body;
    }

    private async Task<JsonObject> ValidateAsync()
    {
        using var requested = await _app.Http.PostAsync("api/knowledge/validate/hr/resume-screen", null);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var link = (await requested.Content.ReadFromJsonAsync<JsonObject>())!["links"]!["self"]!.GetValue<string>();
        return await WaitAsync(async () =>
        {
            var report = await _app.Http.GetFromJsonAsync<JsonObject>(link.TrimStart('/'));
            return report?["run"]?["status"]?.GetValue<string>() is "completed" or "failed" ? report : null;
        }, "the validation");
    }

    private async Task<T> WaitAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Timed out waiting for {what}. App output:\n{_app.App.Output}");
    }

    [GeneratedRegex(@"fit[_ ]score\D{0,20}(\d+)\s*[-–]\s*(\d+)[^\n]*\bdiscuss\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LearnedRangeRegex();
}

/// <summary>The app of <see cref="TextOnlyCorrectionLoopTests"/>: candidates are not injected, and a judge model is configured on the fake server.</summary>
public sealed class TextOnlyCorrectionLoopFixture : LiveAppFixture
{
    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Learning__InjectCandidates"] = "false",
        ["Learning__JudgeModel"] = "openai/gpt-4o-mini",
    };

    /// <inheritdoc/>
    protected override string Answer(JsonObject request) => TextOnlyCorrectionLoopTests.Answer(request);
}
