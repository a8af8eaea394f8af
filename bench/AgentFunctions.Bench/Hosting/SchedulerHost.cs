using System.Globalization;
using AgentFunctions.Core.Hosting;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Bench.Hosting;

/// <summary>Where the scheduler keeps its state in a run of the harness.</summary>
/// <param name="ConnectionString">An Azurite connection string, or null for the in-memory store.</param>
/// <param name="Counter">Counts the storage operations (Azurite only).</param>
/// <param name="Polling">The standalone poller's profile: <c>default</c> (the app's settings) or <c>fast</c>.</param>
internal sealed record StorageTarget(string? ConnectionString, StorageOperationCounter? Counter, string Polling = "default")
{
    /// <summary>The <c>fast</c> profile's shortest and longest wait after an empty receive (the app's defaults are 50 ms and 1 s).</summary>
    public static readonly (TimeSpan Min, TimeSpan Max) FastPolling = (TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(100));

    public static StorageTarget InMemory { get; } = new(null, null);

    public bool IsAzurite => ConnectionString is not null;
}

/// <summary>
/// The app's services (<c>AddAgentFunctionsCore</c>, exactly as the Functions app registers them) for one measured run,
/// on the in-memory store or on Azurite through an account whose pipeline counts every operation. Each host gets its own
/// queues, table and container (a name prefix), so a run that failed or timed out leaves nothing behind for the next one.
/// </summary>
internal sealed class SchedulerHost : IAsyncDisposable
{
    private static int s_next;
    private readonly ServiceProvider _services;
    private readonly string _workRoot;

    private SchedulerHost(ServiceProvider services, string workRoot, RunWatch watch, IStorageAccount account, IStorageAccount uncounted)
    {
        _services = services;
        _workRoot = workRoot;
        Watch = watch;
        Account = account;
        UncountedAccount = uncounted;
    }

    public RunWatch Watch { get; }

    public IStorageAccount Account { get; }

    /// <summary>Gets an account on the same storage whose operations are not counted (for the harness's own reads).</summary>
    public IStorageAccount UncountedAccount { get; }

    public RunService Runs => _services.GetRequiredService<RunService>();

    public RunStore Store => _services.GetRequiredService<RunStore>();

    public QueueHandlers Handlers => _services.GetRequiredService<QueueHandlers>();

    public OrchestrationOptions Names => _services.GetRequiredService<IOptions<OrchestrationOptions>>().Value;

    public static async Task<SchedulerHost> StartAsync(string repositoryRoot, StorageTarget target, CancellationToken cancellationToken)
    {
        var prefix = "b" + Interlocked.Increment(ref s_next).ToString(CultureInfo.InvariantCulture);
        var workRoot = Directory.CreateTempSubdirectory("af-bench-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["AgentFunctions:ContentRoot"] = repositoryRoot,
            ["Tools:Workspace:WorkRoot"] = workRoot,
            ["Orchestration:OrchestratorQueue"] = $"{prefix}-orchestrator",
            ["Orchestration:WorkItemQueue"] = $"{prefix}-work-items",
            ["Orchestration:RunRequestQueue"] = $"{prefix}-run-requests",
            ["Orchestration:RunsTable"] = $"Runs{prefix}",
            ["Orchestration:PayloadContainer"] = $"{prefix}-payloads",
        };
        if (target.ConnectionString is null)
        {
            settings["Storage:Mode"] = "InMemory";
        }
        else
        {
            settings["AzureWebJobsStorage"] = target.ConnectionString;
        }

        if (target.Polling == "fast")
        {
            settings["Standalone:MinPollingInterval"] = StorageTarget.FastPolling.Min.ToString("c", CultureInfo.InvariantCulture);
            settings["Standalone:MaxPollingInterval"] = StorageTarget.FastPolling.Max.ToString("c", CultureInfo.InvariantCulture);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var watch = new RunWatch();
        var services = new ServiceCollection();
        services.AddSingleton(watch);
        services.AddSingleton(typeof(ILogger<>), typeof(WatchLogger<>));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAgentFunctionsCore(configuration, "standalone");
        if (target.ConnectionString is not null && target.Counter is not null)
        {
            // The same account the app builds from AzureWebJobsStorage, plus the counting policy.
            var options = new AzureStorageAccountOptions();
            options.PerCallPolicies.Add(target.Counter);
            services.AddSingleton<IStorageAccount>(new AzureStorageAccount(target.ConnectionString, options));
        }

        var provider = services.BuildServiceProvider();
        await StorageBootstrap.EnsureCreatedAsync(provider, cancellationToken);
        var account = provider.GetRequiredService<IStorageAccount>();
        var uncounted = target.ConnectionString is null ? account : new AzureStorageAccount(target.ConnectionString);
        return new SchedulerHost(provider, workRoot, watch, account, uncounted);
    }

    /// <summary>Creates the standalone queue poller of the app (not started).</summary>
    public StandaloneQueueProcessor CreateProcessor() => ActivatorUtilities.CreateInstance<StandaloneQueueProcessor>(_services);

    public StandaloneOptions Polling => _services.GetRequiredService<IOptions<StandaloneOptions>>().Value;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(_workRoot, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
