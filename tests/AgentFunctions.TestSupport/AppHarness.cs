using Xunit;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;
using AgentFunctions.Core.Storage;

namespace AgentFunctions.TestSupport;

/// <summary>
/// A real Azurite plus the real Functions app as a separate process (standalone mode) on free ports, for integration
/// tests over HTTP. The app can be killed (SIGKILL) and started again on the same storage. Disposing stops exactly the
/// processes this harness started.
/// </summary>
public sealed class AppHarness : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly List<AppProcess> _extra = [];
    private AppProcess? _app;

    private AppHarness(AzuriteProcess azurite, string workRoot, Dictionary<string, string> environment)
    {
        Azurite = azurite;
        WorkRoot = workRoot;
        _environment = environment;
        Storage = new StorageClients(StorageConnection.FromConnectionString(azurite.ConnectionString), new StorageOptions());
        Http = new HttpClient();
    }

    /// <summary>Gets the repository root (the app's content root).</summary>
    public static string RepositoryRoot { get; } = RepositoryLayout.FindRoot();

    /// <summary>Gets the Azurite process.</summary>
    public AzuriteProcess Azurite { get; }

    /// <summary>Gets a storage client for the same Azurite (to put and peek queue messages directly).</summary>
    public StorageClients Storage { get; }

    /// <summary>Gets the folder where the app's tools make working copies.</summary>
    public string WorkRoot { get; }

    /// <summary>Gets an HTTP client whose base address is the running app.</summary>
    public HttpClient Http { get; private set; }

    /// <summary>Gets the running app process.</summary>
    public AppProcess App => _app ?? throw new InvalidOperationException("The app is not running.");

    /// <summary>Starts Azurite and the app.</summary>
    /// <param name="environment">Extra settings for the app (environment variables, <c>Section__Key</c>).</param>
    /// <returns>The harness.</returns>
    public static async Task<AppHarness> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var azurite = await AzuriteProcess.StartAsync(RepositoryRoot);
        var work = Directory.CreateTempSubdirectory("agentfunctions-it-").FullName;
        var env = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AgentFunctions__ContentRoot"] = RepositoryRoot,
            ["Tools__Workspace__WorkRoot"] = work,
            ["Tools__Shell__Enabled"] = "true",
            // Durable Task settings as host.json overrides (AzureFunctionsJobHost__…), as a Functions user would set them:
            // fast polling, and 20 s visibility timeouts so a killed host's work comes back quickly (the dispatcher renews
            // the lease of a running activity every 5 s).
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.250",
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:20",
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:20",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.250",
            ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Models__Recorded__ReplayDelay"] = "00:00:00.500",
            ["Orchestration__MaxDequeueCount"] = "3",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var harness = new AppHarness(azurite, work, env);
        try
        {
            await harness.StartAppAsync();
            return harness;
        }
        catch
        {
            await harness.DisposeAsync(); // do not leave Azurite running when the app cannot start
            throw;
        }
    }

    /// <summary>
    /// Starts the app (again) on a free port against the same Azurite, as host slot 0: a restarted host keeps its slot's
    /// Durable Task worker id, so it takes its partitions back at once instead of after the dead one's lease expires (30 s).
    /// </summary>
    /// <returns>A task that completes when the app is healthy.</returns>
    public async Task StartAppAsync()
    {
        _app = await AppProcess.StartAsync(RepositoryLayout.FunctionsAssembly(RepositoryRoot), RepositoryRoot, ForSlot(0));
        Http.Dispose();
        Http = _app.CreateClient(TimeSpan.FromSeconds(30));
    }

    /// <summary>Starts one more app process (another host) on a free port against the same Azurite, task hub and queues.</summary>
    /// <param name="slot">The host slot (1, 2 …; 0 is the main app): its worker id, and <c>AGENTFUNCTIONS_TEST_HOST</c> in its environment.</param>
    /// <returns>The process; the harness stops it on dispose.</returns>
    public async Task<AppProcess> StartExtraAppAsync(int slot)
    {
        var app = await AppProcess.StartAsync(RepositoryLayout.FunctionsAssembly(RepositoryRoot), RepositoryRoot, ForSlot(slot));
        _extra.Add(app);
        return app;
    }

    private Dictionary<string, string> ForSlot(int slot) => new(_environment)
    {
        ["Durable__WorkerId"] = $"test-host-{slot}",
        ["AGENTFUNCTIONS_TEST_HOST"] = slot.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Kills the app with SIGKILL.</summary>
    /// <returns>A task that completes when it has exited.</returns>
    public Task KillAppAsync() => App.KillAsync();

    /// <summary>Submits a run and returns its id.</summary>
    /// <param name="body">The POST /api/runs body.</param>
    /// <returns>The run id.</returns>
    public async Task<string> SubmitAsync(object body)
    {
        using var response = await Http.PostAsJsonAsync("api/runs", body);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/runs answered {(int)response.StatusCode}: {json}");
        return json!["runId"]!.GetValue<string>();
    }

    /// <summary>Polls a run until it ends, recording each status seen.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The final run document and the statuses seen in order.</returns>
    public async Task<(JsonObject Run, IReadOnlyList<string> Statuses)> WaitForEndAsync(string runId, TimeSpan timeout)
    {
        var statuses = new List<string>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await GetRunAsync(runId);
            var status = run["status"]!.GetValue<string>();
            if (statuses.Count == 0 || statuses[^1] != status)
            {
                statuses.Add(status);
            }

            if (status is "succeeded" or "failed" or "cancelled")
            {
                return (run, statuses);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} still {status} after {timeout}. Run: {run.ToJsonString()}\nApp output:\n{App.Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Reads <c>GET /api/runs/{id}</c>.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>The run document.</returns>
    public async Task<JsonObject> GetRunAsync(string runId) =>
        (await Http.GetFromJsonAsync<JsonObject>($"api/runs/{runId}"))!;

    /// <summary>Reads every event of a run, following the cursor.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>The events in order.</returns>
    public async Task<IReadOnlyList<JsonObject>> GetEventsAsync(string runId)
    {
        var events = new List<JsonObject>();
        long cursor = 0;
        while (true)
        {
            var page = (await Http.GetFromJsonAsync<JsonObject>($"api/runs/{runId}/events?after={cursor}&limit=50"))!;
            var batch = page["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
            if (batch.Count == 0)
            {
                return events;
            }

            events.AddRange(batch);
            cursor = page["cursor"]!.GetValue<long>();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        foreach (var extra in _extra)
        {
            await extra.DisposeAsync();
        }

        await Azurite.DisposeAsync();
        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a tool may still hold a file.
        }
    }
}
