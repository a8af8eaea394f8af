using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>
/// The published app runs from its package alone: started from the publish folder (standalone host, as
/// <c>dotnet AgentFunctions.Functions.dll</c>) with the default content settings, against its own Azurite, it finds the
/// packaged skills, graphs, recordings and sample repository — the repository's folders are not above the package — and runs
/// the demo graph to success.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class PublishedAppTests(PublishedPackage package)
{
    [Fact]
    public async Task PublishedApp_WithDefaultContentSettings_IsReady_ListsTheCatalog_AndRunsTheDemoGraph()
    {
        Assert.False(Path.GetFullPath(package.Folder).StartsWith(AppHarness.RepositoryRoot, StringComparison.Ordinal), "the package must not sit inside the repository");
        var work = Directory.CreateTempSubdirectory("agentfunctions-published-work-").FullName;
        await using var azurite = await AzuriteProcess.StartAsync(AppHarness.RepositoryRoot);
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AgentFunctions__ContentRoot"] = string.Empty, // the default: found from the current directory, then the app's folder
            ["Tools__Workspace__WorkRoot"] = work,
        };
        try
        {
            await using var app = await AppProcess.StartAsync(Path.Combine(package.Folder, "AgentFunctions.Functions.dll"), package.Folder, environment);
            using var http = app.CreateClient(TimeSpan.FromSeconds(30));

            var health = (await http.GetFromJsonAsync<JsonObject>("api/health"))!;
            Assert.Equal("alive", health["status"]!.GetValue<string>());
            Assert.True(health["ready"]!.GetValue<bool>(), health.ToJsonString());
            Assert.Equal(CountSkills(), health["skills"]!.GetValue<int>());
            Assert.Equal(0, health["skillIssues"]!.GetValue<int>());
            Assert.Equal(CountGraphs(), health["graphs"]!.GetValue<int>());
            Assert.Equal(0, health["graphErrors"]!.GetValue<int>());

            using var ready = await http.GetAsync(new Uri("api/ready", UriKind.Relative));
            var readyBody = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"GET /api/ready answered {(int)ready.StatusCode}: {readyBody}");
            Assert.Equal("ok", JsonNode.Parse(readyBody)!["checks"]!["catalog"]!.GetValue<string>());

            var skills = (await http.GetFromJsonAsync<JsonObject>("api/skills"))!["skills"]!.AsArray();
            Assert.Equal(
                Directory.GetDirectories(Path.Combine(AppHarness.RepositoryRoot, "skills")).SelectMany(Directory.GetDirectories)
                    .Where(d => File.Exists(Path.Combine(d, "SKILL.md"))).Select(d => $"{Path.GetFileName(Path.GetDirectoryName(d))}/{Path.GetFileName(d)}").Order(StringComparer.Ordinal),
                skills.Select(s => $"{s!["domain"]!.GetValue<string>()}/{s["name"]!.GetValue<string>()}").Order(StringComparer.Ordinal));

            // The demo graph needs the packaged recordings (every model node replays one) and examples/sample-repo.
            using var submitted = await http.PostAsJsonAsync("api/runs", new { graph = "git-to-prod" });
            var submittedBody = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(submitted.IsSuccessStatusCode, $"POST /api/runs answered {(int)submitted.StatusCode}: {submittedBody}");
            var run = await WaitForEndAsync(http, submittedBody["runId"]!.GetValue<string>(), app);
            Assert.True(run["status"]!.GetValue<string>() == "succeeded", $"the demo run from the package did not succeed: {run}");
            var nodes = run["nodes"]!.AsArray().Select(n => n!.AsObject()).ToList();
            Assert.All(nodes.Where(n => n["kind"]!.GetValue<string>() == "skill"), n => Assert.True(n["recorded"]!.GetValue<bool>()));
            var tester = nodes.Single(n => n["id"]!.GetValue<string>() == "tester")["output"]!;
            Assert.True(tester["passed"]!.GetValue<bool>());
            var release = nodes.Single(n => n["id"]!.GetValue<string>() == "release")["output"]!["workspace"]!.GetValue<string>();
            Assert.StartsWith(work, release, StringComparison.Ordinal);
            Assert.Contains("return 42", await File.ReadAllTextAsync(Path.Combine(release, "answer", "core.py")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static int CountSkills() => Directory.GetFiles(Path.Combine(AppHarness.RepositoryRoot, "skills"), "SKILL.md", SearchOption.AllDirectories).Length;

    private static int CountGraphs() => Directory.GetFiles(Path.Combine(AppHarness.RepositoryRoot, "graphs"), "*.yaml").Length;

    private static async Task<JsonObject> WaitForEndAsync(HttpClient http, string runId, AppProcess app)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var run = (await http.GetFromJsonAsync<JsonObject>($"api/runs/{runId}"))!;
            if (run["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} did not end within 3 minutes: {run.ToJsonString()}\nApp output:\n{app.Output}");
            }

            await Task.Delay(200);
        }
    }
}
