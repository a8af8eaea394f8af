using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Hosting;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace AgentFunctions.TestSupport.Engine;

/// <summary>
/// The app's orchestrator and activities on the Durable Task Framework in one process: DurableTask.Core's dispatcher over the
/// in-memory backend (or a given one), the SDK client through the sidecar, and the run record in memory (or a given store).
/// For orchestrator tests and the in-memory benchmark; storage is never contacted for graphs of tool nodes.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DurableEngine _engine;
    private readonly DurableClientSidecar _sidecar;

    private EngineHost(ServiceProvider services, DurableEngine engine, DurableClientSidecar sidecar, string work)
    {
        _services = services;
        _engine = engine;
        _sidecar = sidecar;
        Work = work;
    }

    /// <summary>Gets the folder tools work in (deleted on dispose).</summary>
    public string Work { get; }

    /// <summary>Gets the app's services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Gets the run service.</summary>
    public RunService Runs => _services.GetRequiredService<RunService>();

    /// <summary>Gets the run record.</summary>
    public IRunStore Store => _services.GetRequiredService<IRunStore>();

    /// <summary>Gets the Durable Task client.</summary>
    public DurableTaskClient Client => _sidecar.Client;

    /// <summary>Starts an engine.</summary>
    /// <param name="settings">Extra configuration.</param>
    /// <param name="backend">The backend, or null for the in-memory one.</param>
    /// <param name="store">The run record, or null for an in-memory one.</param>
    /// <param name="loggerFactory">Logging, or null for none.</param>
    /// <returns>The running engine.</returns>
    public static async Task<EngineHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, IOrchestrationService? backend = null, IRunStore? store = null, ILoggerFactory? loggerFactory = null)
    {
        var work = Directory.CreateTempSubdirectory("engine-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AgentFunctions:ContentRoot"] = RepositoryPaths.Root,
            ["Tools:Shell:Enabled"] = "true",
            ["Tools:Workspace:WorkRoot"] = work,
            ["Orchestration:CancellationCheckInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        loggerFactory ??= NullLoggerFactory.Instance;
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IRunStore>(store ?? new InMemoryRunStore());
        services.AddAgentFunctionsCore(configuration, "standalone");
        var provider = services.BuildServiceProvider();
        var service = backend ?? OrchestrationServices.Create(
            new DurableEngineOptions { Backend = "InMemory" }, provider.GetRequiredService<Core.Storage.StorageClients>().Connection, null, loggerFactory);
        var engine = new DurableEngine(service, provider, loggerFactory);
        await engine.StartAsync();
        var sidecar = await DurableClientSidecar.StartAsync(service, loggerFactory);
        return new EngineHost(provider, engine, sidecar, work);
    }

    /// <summary>Starts a run of inline YAML or a catalog graph and waits until it ends.</summary>
    /// <param name="yaml">Inline graph YAML, or null.</param>
    /// <param name="graph">A catalog graph name, or null.</param>
    /// <param name="inputs">Run inputs.</param>
    /// <param name="timeout">How long to wait (default 2 minutes).</param>
    /// <returns>The run as <c>GET /api/runs/{id}</c> shows it.</returns>
    public async Task<RunView> RunAsync(string? yaml, string? graph = null, JsonObject? inputs = null, TimeSpan? timeout = null)
    {
        var accepted = Assert.IsType<RunAccepted>(await Runs.CreateAsync(new RunRequest(graph, yaml, inputs, null), "http", Client, caller: null));
        return await WaitForEndAsync(accepted.RunId, timeout ?? TimeSpan.FromMinutes(2));
    }

    /// <summary>Waits until a run's record says it ended and its orchestration completed.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The run.</returns>
    /// <exception cref="TimeoutException">It did not end in time.</exception>
    public async Task<RunView> WaitForEndAsync(string runId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var instance = await Client.GetInstanceAsync(runId);
            if (instance?.IsCompleted == true && await Runs.GetAsync(runId) is { } view && view.Status is "succeeded" or "failed" or "cancelled")
            {
                return view;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} did not end within {timeout}: orchestration {instance?.RuntimeStatus}, record {(await Runs.GetAsync(runId))?.Status}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Reads every event of a run.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>The events in order.</returns>
    public async Task<IReadOnlyList<RunEvent>> EventsAsync(string runId) => (await Runs.GetEventsAsync(runId, 0, 1000))!.Events;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _engine.DisposeAsync();
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // A tool may still hold a file.
        }
    }
}
