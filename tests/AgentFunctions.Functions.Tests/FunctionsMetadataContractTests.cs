using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentFunctions.Core.Orchestration.Durable;
using AgentFunctions.Functions.Standalone;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// The Functions SDK's build output (<c>functions.metadata</c>, what the Functions host indexes) and the standalone host agree:
/// the same HTTP routes and methods, the same queues, the same orchestrators and activities; every route answers on the
/// running standalone app; and the host.json <c>func start</c> reads is the repository's.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class FunctionsMetadataContractTests(AppFixture fixture)
{
    private static readonly string s_output = Path.GetDirectoryName(AgentFunctions.Cli.Local.RepositoryLayout.FunctionsAssembly(AppHarness.RepositoryRoot))!;

    private static JsonArray Metadata() => JsonNode.Parse(File.ReadAllText(Path.Combine(s_output, "functions.metadata")))!.AsArray();

    private static IEnumerable<(string Name, JsonObject Trigger)> Triggers(string type) =>
        Metadata().Select(f => (f!["name"]!.GetValue<string>(), f["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => b["direction"]!.GetValue<string>() == "In" && b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))))
            .Where(x => x.Item2["type"]!.GetValue<string>() == type);

    [Fact]
    public void HttpTriggers_AreTheStandaloneRoutes()
    {
        var metadata = Triggers("httpTrigger")
            .Select(t => $"{t.Name} {string.Join(",", t.Trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()))} api/{t.Trigger["route"]!.GetValue<string>()}")
            .Order(StringComparer.Ordinal).ToList();
        var standalone = FunctionCatalog.HttpFunctions(typeof(FunctionCatalog).Assembly)
            .Select(f => $"{f.Name} {string.Join(",", f.Methods)} {f.Route}").Order(StringComparer.Ordinal).ToList();

        Assert.True(metadata.Count >= 20, $"only {metadata.Count} HTTP functions in functions.metadata");
        Assert.Equal(metadata, standalone);
    }

    [Fact]
    public void QueueTriggers_AreTheStandaloneQueues_OnTheConnectionAndSettingsTheAppUses()
    {
        var metadata = Triggers("queueTrigger").Select(t => $"{t.Name} {t.Trigger["queueName"]!.GetValue<string>()} {t.Trigger["connection"]?.GetValue<string>() ?? "AzureWebJobsStorage"}")
            .Order(StringComparer.Ordinal).ToList();
        var standalone = FunctionCatalog.QueueFunctions(typeof(FunctionCatalog).Assembly).Select(f => $"{f.Name} {f.QueueExpression} {f.Connection}")
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["Corrections %Learning:CorrectionsQueue% AzureWebJobsStorage", "RunRequests %Orchestration:RunRequestQueue% AzureWebJobsStorage", "Validations %Learning:ValidationsQueue% AzureWebJobsStorage"], metadata);
        Assert.Equal(metadata, standalone);
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(AppHarness.RepositoryRoot, "local.settings.sample.json")))!["Values"]!.AsObject();
        foreach (var setting in new[] { "Orchestration__RunRequestQueue", "Learning__CorrectionsQueue", "Learning__ValidationsQueue" })
        {
            Assert.True(sample.ContainsKey(setting), $"local.settings.sample.json lacks {setting}, which a queue trigger names");
        }
    }

    [Fact]
    public void OrchestrationAndActivityTriggers_AreTheTasksTheStandaloneEngineRuns()
    {
        Assert.Equal(DurableTasks.Orchestrators.Keys.Order(StringComparer.Ordinal), Triggers("orchestrationTrigger").Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(DurableTasks.Activities.Keys.Order(StringComparer.Ordinal), Triggers("activityTrigger").Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HostJson_IsTheIsolatedKindAndTheRepositorysCopy()
    {
        var root = File.ReadAllText(Path.Combine(AppHarness.RepositoryRoot, "host.json"));
        Assert.Equal(root, File.ReadAllText(Path.Combine(AppHarness.RepositoryRoot, "src", "Functions", "host.json")));
        var json = JsonNode.Parse(root)!.AsObject();
        Assert.Null(json["customHandler"]);
        Assert.Null(json["extensionBundle"]);
        Assert.Equal("AgentFunctions", json["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>());
        Assert.Equal("api", json["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(s_output, "worker.config.json")))!;
        Assert.Equal("dotnet", worker["description"]!["defaultExecutablePath"]!.GetValue<string>());
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(AppHarness.RepositoryRoot, "local.settings.sample.json")))!["Values"]!;
        Assert.Equal(("dotnet-isolated", "UseDevelopmentStorage=true"), (sample["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>(), sample["AzureWebJobsStorage"]!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryHttpRoute_IsServedByTheRunningStandaloneApp()
    {
        var missing = new List<string>();
        foreach (var (name, trigger) in Triggers("httpTrigger"))
        {
            var route = Placeholder().Replace(trigger["route"]!.GetValue<string>(), "x");
            foreach (var method in trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), $"api/{route}");
                if (method == "POST")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await fixture.Harness.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
                {
                    continue; // a stream (runs/stream never ends): its status and content type are the answer
                }

                var body = await response.Content.ReadAsStringAsync();

                // An unmapped route gets the framework's empty 404/405; mapped ones answer 2xx or one of our problems, which carry a "code".
                if (!(response.IsSuccessStatusCode || (body.StartsWith('{') && JsonNode.Parse(body)?["code"] is not null)))
                {
                    missing.Add($"{name}: {method} /api/{route} answered {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Not served: " + string.Join("; ", missing));
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex Placeholder();
}
