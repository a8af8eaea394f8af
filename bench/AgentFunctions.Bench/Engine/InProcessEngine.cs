using AgentFunctions.Core;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using AgentFunctions.Hosting;
using AgentFunctions.TestSupport.Engine;
using DurableTask.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFunctions.Bench.Engine;

/// <summary>
/// The app's graph orchestrator and node activities on the Durable Task Framework in this process, wired as the standalone
/// host wires them (DurableTask.Core's <c>TaskHubWorker</c> with the SDK's shim factory; the SDK client through the
/// sidecar): on the in-memory backend with an in-memory run record, or on Azurite (the Azure Storage backend and the
/// Table-storage run record), every storage request counted by <see cref="Counter"/>.
/// </summary>
internal sealed class InProcessEngine : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DurableEngine _engine;
    private readonly DurableClientSidecar _sidecar;
    private readonly string _work;

    private InProcessEngine(ServiceProvider services, DurableEngine engine, DurableClientSidecar sidecar, string work, RequestCounter? counter)
    {
        _services = services;
        _engine = engine;
        _sidecar = sidecar;
        _work = work;
        Counter = counter;
    }

    public RequestCounter? Counter { get; }

    public RunService Runs => _services.GetRequiredService<RunService>();

    /// <summary>Starts the engine; <paramref name="connectionString"/> null means the in-memory backend and run record.</summary>
    public static async Task<InProcessEngine> StartAsync(string root, string? connectionString, DurableProfile profile, RequestCounter? counter)
    {
        var work = Directory.CreateTempSubdirectory("bench-engine-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString ?? "UseDevelopmentStorage=true",
            ["AgentFunctions:ContentRoot"] = root,
            ["Tools:Workspace:WorkRoot"] = work,
        }).Build();
        ILoggerFactory logs = NullLoggerFactory.Instance;
        var services = new ServiceCollection();
        services.AddSingleton(logs);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IConfiguration>(configuration);
        if (connectionString is null)
        {
            services.AddSingleton<IRunStore>(new InMemoryRunStore());
        }
        else if (counter is not null)
        {
            services.AddSingleton(new StoragePipelinePolicies([counter]));
        }

        services.AddAgentFunctionsCore(configuration, "standalone");
        var provider = services.BuildServiceProvider();
        var options = profile.Options("bench");
        if (connectionString is null)
        {
            options.Backend = "InMemory";
        }
        else
        {
            await StorageBootstrap.EnsureCreatedAsync(provider);
        }

        var backend = OrchestrationServices.Create(
            options, provider.GetRequiredService<StorageClients>().Connection, counter is null ? null : new StoragePipelinePolicies([counter]), logs);
        var engine = new DurableEngine(backend, provider, logs);
        await engine.StartAsync();
        var sidecar = await DurableClientSidecar.StartAsync(backend, logs);
        return new InProcessEngine(provider, engine, sidecar, work, counter);
    }

    /// <summary>Starts a run of <paramref name="yaml"/> and waits until its record says it ended (polling every 20 ms, not counted).</summary>
    /// <returns>The run as <c>GET /api/runs/{id}</c> shows it.</returns>
    /// <exception cref="TimeoutException">It did not end in time.</exception>
    /// <exception cref="InvalidOperationException">The graph was refused.</exception>
    public async Task<RunView> RunAsync(string yaml, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var outcome = await Runs.CreateAsync(new RunRequest(null, yaml, null, null), "http", _sidecar.Client, caller: null, cancellationToken);
        var runId = outcome is RunAccepted accepted ? accepted.RunId : throw new InvalidOperationException($"The graph was refused: {outcome}");
        using var unobserved = RequestCounter.Unobserved();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await Runs.GetAsync(runId, cancellationToken) is { Status: "succeeded" or "failed" or "cancelled" } view)
            {
                return view;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} did not end within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _engine.DisposeAsync();
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
