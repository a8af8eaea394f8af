using AgentFunctions.Core.Orchestration.Durable;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Hosting;

/// <summary>
/// Runs the app's orchestrators and activities (<see cref="DurableTasks"/>) without the Functions host, on DurableTask.Core's
/// production dispatcher, <see cref="TaskHubWorker"/>, over the configured backend: the SDK classes are wrapped per work item
/// by the SDK's <see cref="DurableTaskShimFactory"/>. The dispatcher renews the leases of long activities, and several
/// processes (each with its own worker id) share a task hub's partitions and activities.
/// </summary>
public sealed partial class DurableEngine : IAsyncDisposable
{
    private readonly IOrchestrationService _service;
    private readonly TaskHubWorker _worker;
    private readonly ILogger<DurableEngine> _logger;
    private bool _started;

    /// <summary>Creates the engine (not started).</summary>
    /// <param name="service">The backend.</param>
    /// <param name="services">Creates orchestrators and activities with their dependencies.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DurableEngine(IOrchestrationService service, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _service = service;
        _logger = loggerFactory.CreateLogger<DurableEngine>();
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = DurableJson.Converter }, loggerFactory);
        var orchestrations = new TaskObjectManager<TaskOrchestration>(name => DurableTasks.Orchestrators.TryGetValue(name, out var type)
            ? shims.CreateOrchestration(name, (ITaskOrchestrator)ActivatorUtilities.GetServiceOrCreateInstance(services, type), parent: null)
            : null);
        var activities = new TaskObjectManager<TaskActivity>(name => DurableTasks.Activities.TryGetValue(name, out var type)
            ? shims.CreateActivity(name, (ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(services, type))
            : null);
        _worker = new TaskHubWorker(service, orchestrations, activities, loggerFactory)
        {
            // The SDK reads failures from FailureDetails.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
    }

    /// <summary>Gets the backend, also the client API (<see cref="IOrchestrationServiceClient"/>) of the task hub.</summary>
    public IOrchestrationService Service => _service;

    /// <summary>Creates the task hub if missing (its queues, tables and containers) and starts dispatching.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the worker runs.</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_service is AzureStorageOrchestrationService azure)
        {
            await azure.CreateIfNotExistsAsync();
        }
        else
        {
            await _service.CreateIfNotExistsAsync();
        }

        await _worker.StartAsync();
        _started = true;
        LogStarted(_logger, _service.GetType().Name);
    }

    /// <summary>Stops dispatching: waits for the work in flight up to <paramref name="grace"/>, then stops it.</summary>
    /// <param name="grace">How long to wait for activities and episodes in flight.</param>
    /// <returns>A task that completes when stopped.</returns>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        var graceful = _worker.StopAsync(isForced: false);
        if (await Task.WhenAny(graceful, Task.Delay(grace)) != graceful)
        {
            LogForcedStop(_logger, (int)grace.TotalSeconds);
            await _worker.StopAsync(isForced: true);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _worker.Dispose();
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Durable Task worker started on {Backend}")]
    private static partial void LogStarted(ILogger logger, string backend);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Durable Task worker did not stop within {Seconds} s; stopping it forcibly (work in flight is redelivered)")]
    private static partial void LogForcedStop(ILogger logger, int seconds);
}
