using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests.Security;

/// <summary>
/// The input limits of the real app (small ones, set by configuration) over HTTP: a body over <c>Limits:MaxRequestBodyBytes</c> is 413
/// whether it declares its length or is chunked, inputs over <c>Limits:MaxInputBytes</c> are 413, a graph over the node, depth or
/// for_each limit is 400 naming the limit, and a domain with <c>limits.max_concurrent_runs: 1</c> answers 429 with Retry-After while
/// one of its runs is active and admits the next once it ended.
/// </summary>
public sealed class InputLimitTests(InputLimitTests.LimitedApp fixture) : IClassFixture<InputLimitTests.LimitedApp>
{
    private readonly AppHarness _app = fixture.App;

    [Fact]
    public async Task BodyOverTheLimit_Is413_DeclaredOrChunked()
    {
        var big = "{\"graph\": \"git-to-prod\", \"inputs\": {\"pad\": \"" + new string('x', 70_000) + "\"}}";

        using var declared = await _app.Http.PostAsync("api/runs", new StringContent(big, Encoding.UTF8, "application/json"));
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/runs") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var streamed = await _app.Http.SendAsync(request);

        foreach (var response in new[] { declared, streamed })
        {
            var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
            Assert.Contains("Limits:MaxRequestBodyBytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("65,536", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InputsOverTheLimit_Are413_ForRunsAndSkillExecutions()
    {
        var pad = new string('y', 5_000);

        using var run = await _app.Http.PostAsJsonAsync("api/runs", new { graphYaml = "name: pad\ninputs:\n  pad: { type: string }\nnodes:\n  only:\n    tool: noop\n", inputs = new { pad } });
        using var skill = await _app.Http.PostAsJsonAsync("api/skills/hr/resume-screen/execute", new { input = new { resume = pad, job_description = "x" }, waitSeconds = 0 });

        foreach (var response in new[] { run, skill })
        {
            var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
            Assert.Contains("Limits:MaxInputBytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("nodes", "Limits:MaxGraphNodes")]
    [InlineData("depth", "Limits:MaxGraphDepth")]
    [InlineData("for_each", "Limits:MaxForEachItems")]
    public async Task GraphOverALimit_Is400NamingIt(string shape, string limit)
    {
        var yaml = new StringBuilder("name: big\nnodes:\n");
        var count = shape switch { "nodes" => 21, "depth" => 6, _ => 1 };
        for (var i = 0; i < count; i++)
        {
            yaml.Append("  n").Append(i).Append(":\n    tool: noop\n");
            if (shape == "depth" && i > 0)
            {
                yaml.Append("    needs: n").Append(i - 1).Append('\n');
            }
        }

        if (shape == "for_each")
        {
            yaml.Append("    for_each: ${{ inputs.items }}\n    max_items: 100\n");
            yaml.Insert("name: big\n".Length, "inputs:\n  items: { type: array, default: [] }\n");
        }

        using var response = await _app.Http.PostAsJsonAsync("api/runs", new { graphYaml = yaml.ToString() });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var error = problem["errors"]!.AsArray().Single()!;
        Assert.Equal("too_large", error["code"]!.GetValue<string>());
        Assert.Contains(limit, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        if (shape == "for_each")
        {
            Assert.Equal("nodes.n0.max_items", error["field"]!.GetValue<string>());
            Assert.NotNull(error["line"]);
        }
    }

    [Fact]
    public async Task DomainAtItsConcurrentRunCap_Is429_UntilItsRunEnds()
    {
        const string gated = "name: hr-gated\nnodes:\n  screen:\n    skill: hr/resume-screen\n    approval: required\n";
        var first = await _app.SubmitAsync(new { graphYaml = gated });
        await WaitForStatusAsync(first, "awaiting_approval");

        using var refused = await _app.Http.PostAsJsonAsync("api/runs", new { graphYaml = gated });
        var problem = await ProblemAsync(refused, (HttpStatusCode)429);
        Assert.Equal("30", refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("'hr'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(first, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var otherDomain = await _app.Http.PostAsJsonAsync("api/runs", new { graphYaml = "name: free\nnodes:\n  only:\n    tool: noop\n" });
        Assert.Equal(HttpStatusCode.Accepted, otherDomain.StatusCode);

        using var cancel = await _app.Http.PostAsJsonAsync($"api/runs/{first}/cancel", new { by = "limit test" });
        await _app.WaitForEndAsync(first, TimeSpan.FromMinutes(2));
        using var admitted = await _app.Http.PostAsJsonAsync("api/runs", new { graphYaml = gated });
        Assert.Equal(HttpStatusCode.Accepted, admitted.StatusCode);
    }

    private async Task WaitForStatusAsync(string runId, string status)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await _app.GetRunAsync(runId))["status"]!.GetValue<string>() != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"run {runId} did not reach {status}. App output:\n{_app.App.Output}");
            await Task.Delay(250);
        }
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The app with small limits and a copy of the skills whose hr domain takes one run at a time.</summary>
    public sealed class LimitedApp : IAsyncLifetime
    {
        private string? _skills;

        public AppHarness App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _skills = Directory.CreateTempSubdirectory("agentfunctions-limits-skills-").FullName;
            CopyDirectory(Path.Combine(AppHarness.RepositoryRoot, "skills"), _skills);
            var domain = Path.Combine(_skills, "hr", "DOMAIN.md");
            File.WriteAllText(domain, File.ReadAllText(domain).Replace("owner: hr-team\n", "owner: hr-team\nlimits:\n  max_concurrent_runs: 1\n", StringComparison.Ordinal));
            App = await AppHarness.StartAsync(new Dictionary<string, string>
            {
                ["AgentFunctions__SkillsPath"] = _skills,
                ["Limits__MaxRequestBodyBytes"] = "65536",
                ["Limits__MaxInputBytes"] = "4096",
                ["Limits__MaxGraphNodes"] = "20",
                ["Limits__MaxGraphDepth"] = "5",
                ["Limits__MaxForEachItems"] = "50",
            });
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            Directory.Delete(_skills!, recursive: true);
        }

        private static void CopyDirectory(string from, string to)
        {
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }
}
