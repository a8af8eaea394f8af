using AgentFunctions.Core;
using AgentFunctions.Core.Storage;
using AgentFunctions.Hosting;

namespace AgentFunctions.Functions.Standalone;

/// <summary>
/// Brings the standalone host up in order while the HTTP endpoint already answers (health says what it waits for):
/// storage (waiting and retrying until it answers), the Durable Task worker over the task hub, the SDK client, then the
/// queue listeners. Stops them in reverse order, giving work in flight up to 20 s.
/// </summary>
internal sealed partial class StandaloneStartup(
    IServiceProvider services,
    DurableEngineOptions engineOptions,
    StorageConnection connection,
    DurableClientAccessor durable,
    QueueTriggerListener listener,
    HostReadiness readiness,
    ILoggerFactory loggerFactory,
    ILogger<StandaloneStartup> logger) : BackgroundService
{
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(20);
    private readonly CancellationTokenSource _stopping = new();
    private DurableEngine? _engine;
    private DurableClientSidecar? _sidecar;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        readiness.WaitingFor($"waiting for storage ({connection.Label}) to answer");
        await StorageBootstrap.EnsureCreatedAsync(services, stoppingToken);
        readiness.WaitingFor($"starting the Durable Task worker (task hub '{engineOptions.HubName}', {engineOptions.Backend})");
        var service = OrchestrationServices.Create(engineOptions, connection, services.GetService<StoragePipelinePolicies>(), loggerFactory);
        _engine = new DurableEngine(service, services, loggerFactory);
        await _engine.StartAsync(stoppingToken);
        _sidecar = await DurableClientSidecar.StartAsync(service, loggerFactory, stoppingToken);
        durable.Set(_sidecar.Client);
        await listener.StartAsync(FunctionCatalog.QueueFunctions(typeof(StandaloneStartup).Assembly), _stopping.Token);
        readiness.Ready();
        LogReady(logger, engineOptions.HubName, engineOptions.WorkerId, engineOptions.PartitionCount);
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
        await listener.StopAsync();
        if (_engine is not null)
        {
            await _engine.StopAsync(s_grace);
        }

        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Standalone host ready: task hub {HubName}, worker {WorkerId}, {Partitions} partition(s)")]
    private static partial void LogReady(ILogger logger, string hubName, string workerId, int partitions);
}
