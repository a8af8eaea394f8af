using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Storage;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// The learning loop end to end on Azurite, through the real app: execute → correct → rule and test rows → the next
/// execution's prompt carries the rule → validation runs the skill and activates the rule only if its test passes →
/// the exported promptfoo suite runs with the real promptfoo CLI against the app. The model is a local OpenAI-wire
/// server that recommends "discuss" only when a learned rule about it is in the prompt.
/// </summary>
public sealed class LearningLoopTests(LearningLoopFixture fixture) : IClassFixture<LearningLoopFixture>
{
    private const string Rule = "When the fit score is between 50 and 70, recommend discuss instead of proceed.";
    private readonly AppHarness _app = fixture.App;

    internal static string Answer(JsonObject request)
    {
        var system = request["messages"]![0]!["content"]!.GetValue<string>();
        if (system.Contains("# Plan a bug fix", StringComparison.Ordinal))
        {
            return "{\"summary\":\"returns 41\",\"target_files\":[\"answer/core.py\"],\"tasks\":{\"python_fixer\":\"return 42\",\"test_writer\":\"nothing to do\",\"frontend_fixer\":\"nothing to do\"}}";
        }

        var learned = system.Contains("## Learned Rules (from past corrections)", StringComparison.Ordinal) && system.Contains("recommend discuss", StringComparison.Ordinal);
        return new JsonObject
        {
            ["candidate_summary"] = "Backend engineer, 6 years, Python and Go.",
            ["fit_score"] = 65,
            ["recommendation"] = learned ? "discuss" : "proceed",
            ["required_match"] = new JsonObject { ["met"] = new JsonArray("Python", "PostgreSQL"), ["missing"] = new JsonArray() },
            ["preferred_match"] = new JsonObject { ["met"] = new JsonArray("Kafka"), ["missing"] = new JsonArray("payments") },
            ["strengths"] = new JsonArray("event streaming"),
            ["concerns"] = new JsonArray("no payments experience"),
            ["reasoning"] = learned ? "A score of 65 calls for a conversation." : "Strong backend profile.",
        }.ToJsonString();
    }

    private async Task<JsonObject> ExecuteAsync(string skill, object? input = null)
    {
        using var response = await _app.Http.PostAsJsonAsync($"api/skills/{skill}/execute", new { input, waitSeconds = 60 });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK && body["status"]!.GetValue<string>() == "succeeded", body.ToJsonString());
        return body;
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

    private async Task<JsonObject> ValidateAsync(string domain, string skill)
    {
        using var requested = await _app.Http.PostAsync($"api/knowledge/validate/{domain}/{skill}", null);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var link = (await requested.Content.ReadFromJsonAsync<JsonObject>())!["links"]!["self"]!.GetValue<string>();
        return await WaitAsync(async () =>
        {
            var report = await _app.Http.GetFromJsonAsync<JsonObject>(link.TrimStart('/'));
            return report?["run"]?["status"]?.GetValue<string>() is "completed" or "failed" ? report : null;
        }, "the validation");
    }

    [Fact]
    public async Task Loop_CorrectionBecomesARuleAndATest_NextPromptCarriesIt_ValidationActivatesIt_PromptfooRunsTheExport()
    {
        // 1. An execution that the user corrects.
        var first = await ExecuteAsync("hr/resume-screen");
        Assert.Equal("proceed", first["output"]!["recommendation"]!.GetValue<string>());
        var corrected = first["output"]!.DeepClone().AsObject();
        corrected["recommendation"] = "discuss";
        using var correction = await _app.Http.PostAsJsonAsync(
            $"api/runs/{first["runId"]}/nodes/{first["node"]}/corrections", new { text = Rule, correctedOutput = corrected, by = "recruiter" });
        Assert.Equal(HttpStatusCode.Accepted, correction.StatusCode);

        // 2. The corrections queue turns it into a rule and a regression test, as rows in Table storage.
        var rule = await WaitAsync(async () => (await _app.Http.GetFromJsonAsync<JsonObject>("api/knowledge/reflexions?skill=hr/resume-screen"))!["reflexions"]!.AsArray().FirstOrDefault()?.AsObject(), "the rule");
        Assert.Equal(("REFL-001", "candidate"), (rule["id"]!.GetValue<string>(), rule["status"]!.GetValue<string>()));
        var test = await WaitAsync(async () => (await _app.Http.GetFromJsonAsync<JsonObject>("api/knowledge/tests?skill=hr/resume-screen"))!["tests"]!.AsArray().FirstOrDefault()?.AsObject(), "the test");
        Assert.Equal("REFL-001", test["ruleId"]!.GetValue<string>());
        var rows = new List<string>();
        await foreach (var row in _app.Storage.Tables.GetTableClient("Knowledge").QueryPrefixAsync("hr~resume-screen", "refl|"))
        {
            rows.Add(row.RowKey);
        }

        Assert.Equal(["refl|REFL-001"], rows);

        // 3. The next execution's prompt contains the rule (on probation), and the manifest says so.
        var before = fixture.Model.Requests.Count;
        var second = await ExecuteAsync("hr/resume-screen");
        var prompt = fixture.Model.Requests.Skip(before).Single()["messages"]![0]!["content"]!.GetValue<string>();
        Assert.Contains("## Learned Rules (from past corrections)", prompt, StringComparison.Ordinal);
        Assert.Contains("**REFL-001**", prompt, StringComparison.Ordinal);
        Assert.Equal(["REFL-001"], second["details"]!["manifest"]!["rules"]!["injected"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("discuss", second["output"]!["recommendation"]!.GetValue<string>());

        // 4. Validation runs the skill with and without the rule and activates it because its test passes with it.
        var report = await ValidateAsync("hr", "resume-screen");
        var decision = report["rules"]!.AsArray().Single()!;
        Assert.Equal(("REFL-001", "active"), (decision["ruleId"]!.GetValue<string>(), decision["statusAfter"]!.GetValue<string>()));
        var result = report["tests"]!.AsArray().Single()!;
        Assert.Equal("passed", result["withRule"]!["outcome"]!.GetValue<string>());
        Assert.Equal("failed", result["withoutRule"]!["outcome"]!.GetValue<string>());
        var stats = (await _app.Http.GetFromJsonAsync<JsonObject>("api/knowledge/stats?skill=hr/resume-screen"))!;
        Assert.True(stats["executions"]!.GetValue<int>() >= 2);

        // 5. The exported promptfoo suite runs with the real promptfoo CLI against the app and passes.
        var yaml = await _app.Http.GetStringAsync("api/knowledge/tests/hr/resume-screen/export?format=promptfoo");
        var (exitCode, output, results) = await PromptfooAsync(yaml, _app.App.AdminKey!);
        Assert.True(exitCode == 0, $"promptfoo exited {exitCode}:\n{output}");
        Assert.Equal(1, results["results"]!["stats"]!["successes"]!.GetValue<int>());
        Assert.Equal(0, results["results"]!["stats"]!["failures"]!.GetValue<int>());
    }

    [Fact]
    public async Task RuleWhoseTestFails_StaysCandidate_AndTheResultSaysWhy()
    {
        var run = await ExecuteAsync("engineering/planner", new { issue = "answer() returns 41" });
        var corrected = run["output"]!.DeepClone().AsObject();
        corrected["summary"] = "the constant in answer() is off by one";
        using var correction = await _app.Http.PostAsJsonAsync(
            $"api/runs/{run["runId"]}/nodes/{run["node"]}/corrections", new { text = "Say the constant is off by one.", correctedOutput = corrected });
        Assert.Equal(HttpStatusCode.Accepted, correction.StatusCode);
        await WaitAsync(async () => (await _app.Http.GetFromJsonAsync<JsonObject>("api/knowledge/tests?skill=engineering/planner"))!["tests"]!.AsArray().FirstOrDefault(), "the test");

        var report = await ValidateAsync("engineering", "planner");

        var decision = report["rules"]!.AsArray().Single()!;
        Assert.Equal("candidate", decision["statusAfter"]!.GetValue<string>());
        Assert.Contains("off by one", decision["reason"]!.GetValue<string>(), StringComparison.Ordinal); // expected vs actual of the failing assertion
        var reflexion = (await _app.Http.GetFromJsonAsync<JsonObject>("api/knowledge/reflexions?skill=engineering/planner"))!["reflexions"]![0]!;
        Assert.Equal("candidate", reflexion["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CorrectionMessages_MalformedOrForAnUnknownExecution_AreDeadLetteredWithTheReason()
    {
        var marker = Guid.NewGuid().ToString("N");
        var queue = _app.Storage.Queues.GetQueueClient("corrections");
        await queue.SendMessageAsync($"not json {marker}");
        await queue.SendMessageAsync($"{{\"schemaVersion\":1,\"kind\":\"correction.submit\",\"runId\":\"run-{marker}\",\"nodeId\":\"n\",\"text\":\"better\"}}");

        var garbage = await PoisonQueues.WaitAsync(_app.Storage, "corrections", m => m["message"]!.GetValue<string>().StartsWith("not json", StringComparison.Ordinal) && m["message"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var unknown = await PoisonQueues.WaitAsync(_app.Storage, "corrections", m => m["message"]!.GetValue<string>().Contains($"run-{marker}", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.StartsWith("Malformed message:", garbage["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"run-{marker}", unknown["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        using var health = await _app.Http.GetAsync("api/health");
        Assert.True(health.IsSuccessStatusCode);
    }

    internal static async Task<(int ExitCode, string Output, JsonObject Results)> PromptfooAsync(string yaml, string apiKey)
    {
        var folder = Directory.CreateTempSubdirectory("promptfoo-").FullName;
        var config = Path.Combine(folder, "suite.yaml");
        var resultsFile = Path.Combine(folder, "results.json");
        await File.WriteAllTextAsync(config, yaml);
        var cli = Path.Combine(AppHarness.RepositoryRoot, "tools", "promptfoo", "node_modules", ".bin", "promptfoo");
        Assert.True(File.Exists(cli), $"promptfoo is not installed at {cli}; run ./scripts/ensure-node-tools.sh promptfoo");
        var start = new ProcessStartInfo(cli) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "eval", "-c", config, "--no-cache", "--no-progress-bar", "-o", resultsFile })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PROMPTFOO_DISABLE_TELEMETRY"] = "1";
        start.Environment[Core.Learning.Exports.PromptfooExporter.ApiKeyVariable] = apiKey;
        start.Environment["PROMPTFOO_DISABLE_UPDATE"] = "1";
        start.Environment["PROMPTFOO_CONFIG_DIR"] = Path.Combine(folder, "home");
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        var results = File.Exists(resultsFile) ? JsonNode.Parse(await File.ReadAllTextAsync(resultsFile))!.AsObject() : [];
        return (process.ExitCode, output, results);
    }
}

/// <summary>The shared app and model of <see cref="LearningLoopTests"/>.</summary>
public sealed class LearningLoopFixture : LiveAppFixture
{
    protected override string Answer(JsonObject request) => LearningLoopTests.Answer(request);
}
