using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// The app started as a Functions custom handler (FUNCTIONS_CUSTOMHANDLER_PORT set): it does not poll queues itself;
/// queue triggers arrive as host invocations, driven here by <see cref="FunctionsHostEmulator"/> from our function.json files.
/// </summary>
public sealed class CustomHandlerModeTests : IAsyncLifetime
{
    private AppHarness? _app;

    public async Task InitializeAsync() =>
        _app = await AppHarness.StartAsync(new Dictionary<string, string> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task HostMode_QueueTriggersFromFunctionJson_DriveTheDemoGraphToSuccess()
    {
        var app = _app!;
        var health = await app.Http.GetFromJsonAsync<JsonObject>("api/health");
        Assert.Equal("custom-handler", health!["mode"]!.GetValue<string>());
        var runId = await app.SubmitAsync(new { graph = "git-to-prod" });

        // Without a host nothing moves: the app does not poll in custom-handler mode.
        await Task.Delay(1500);
        Assert.Equal("pending", (await app.GetRunAsync(runId))["status"]!.GetValue<string>());

        var functions = Path.Combine(AppHarness.RepositoryRoot, "src", "Functions", "FunctionsHost");
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppHarness.RepositoryRoot, "host.json")))!;
        var maxDequeue = hostJson["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>();
        await using var host = new FunctionsHostEmulator(functions, app.Storage, app.Http.BaseAddress!, maxDequeue);
        Assert.Equal(["Corrections", "Orchestrator", "RunRequests", "Validations", "WorkItems"], host.Functions.Order());

        var (run, _) = await app.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.True(run["status"]!.GetValue<string>() == "succeeded", run.ToJsonString());
        Assert.True(host.Invocations >= 17, $"expected one invocation per orchestrator step and work item, got {host.Invocations}");
    }
}
