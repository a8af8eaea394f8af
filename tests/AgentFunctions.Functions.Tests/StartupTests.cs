using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>A host started before its storage answers waits (saying so in its log and health) instead of exiting, and serves once storage is up.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task HostStartedBeforeStorage_WaitsAndRetries_ThenServesRuns()
    {
        var ports = AzuriteProcess.FreePorts();
        var work = Directory.CreateTempSubdirectory("agentfunctions-startup-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = AzuriteProcess.ConnectionStringFor(ports.Item1, ports.Item2, ports.Item3),
            ["AgentFunctions__ContentRoot"] = AppHarness.RepositoryRoot,
            ["Tools__Workspace__WorkRoot"] = work,
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.250",
        };
        await using var app = await AppProcess.StartAsync(RepositoryLayout.FunctionsAssembly(AppHarness.RepositoryRoot), AppHarness.RepositoryRoot, environment, waitUntilHealthy: false);
        using var http = app.CreateClient();
        AzuriteProcess? azurite = null;
        try
        {
            using (var alive = await http.GetAsync("api/health"))
            {
                Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
                var body = (await alive.Content.ReadFromJsonAsync<JsonObject>())!;
                Assert.False(body["ready"]!.GetValue<bool>());
                Assert.Contains("waiting for storage", body["problems"]!.AsArray().Select(p => p!.GetValue<string>()).Single(), StringComparison.Ordinal);
            }

            using (var waiting = await http.GetAsync("api/ready"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, waiting.StatusCode);
                var body = (await waiting.Content.ReadFromJsonAsync<JsonObject>())!;
                Assert.Contains(body["problems"]!.AsArray().Select(p => p!.GetValue<string>()), p => p.Contains("waiting for storage", StringComparison.Ordinal));
                Assert.Equal("waiting", body["checks"]!["taskHub"]!.GetValue<string>());
            }

            using (var early = await http.PostAsJsonAsync("api/runs", new { graph = "git-to-prod" }))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
            }

            await WaitForLogAsync(app, "does not answer yet");
            Assert.False(app.HasExited);

            azurite = await AzuriteProcess.StartAsync(AppHarness.RepositoryRoot, ports);
            Assert.True(await app.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2)), app.Output);
            using var submitted = await http.PostAsJsonAsync("api/runs", new { graphYaml = "name: after-wait\nnodes:\n  a: { tool: noop }\n" });
            var runId = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();
            var deadline = DateTime.UtcNow.AddMinutes(1);
            string status;
            do
            {
                await Task.Delay(100);
                status = (await http.GetFromJsonAsync<JsonObject>($"api/runs/{runId}"))!["status"]!.GetValue<string>();
            }
            while (status != "succeeded" && DateTime.UtcNow < deadline);

            Assert.Equal("succeeded", status);
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task WaitForLogAsync(AppProcess app, string text)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!app.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the log never said '{text}':\n{app.Output}");
            await Task.Delay(100);
        }
    }
}
