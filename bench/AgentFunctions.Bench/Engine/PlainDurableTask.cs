using System.Collections.Concurrent;
using AgentFunctions.Core.Storage;
using AgentFunctions.Hosting;
using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFunctions.Bench.Engine;

/// <summary>
/// The peer without a graph layer: plain DurableTask.Core orchestrations on the same Azure Storage backend, settings and
/// Azurite as the engine — one no-op activity, then <c>Task.WhenAll</c> of N no-op activities, then one (the fan-out/fan-in
/// shape of a graph of N + 2 nodes), or N activities one after another (a chain). Activities stamp their start time so a
/// chain's step gaps are measured the same way as the engine's.
/// </summary>
internal sealed class PlainDurableTask : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> Starts = new(StringComparer.Ordinal);
    private readonly TaskHubWorker _worker;
    private readonly TaskHubClient _client;

    private PlainDurableTask(TaskHubWorker worker, TaskHubClient client)
    {
        _worker = worker;
        _client = client;
    }

    public static async Task<PlainDurableTask> StartAsync(string connectionString, DurableProfile profile, RequestCounter counter)
    {
        var service = OrchestrationServices.Create(
            profile.Options("plain"), StorageConnection.FromConnectionString(connectionString), new StoragePipelinePolicies([counter]), NullLoggerFactory.Instance);
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service, NullLoggerFactory.Instance);
        worker.AddTaskOrchestrations(typeof(FanOut), typeof(Chain));
        worker.AddTaskActivities(typeof(Noop));
        await worker.StartAsync();
        return new PlainDurableTask(worker, new TaskHubClient((IOrchestrationServiceClient)service, loggerFactory: NullLoggerFactory.Instance));
    }

    /// <summary>Runs one orchestration and waits for it (polling every 20 ms, not counted).</summary>
    /// <returns>The gaps between consecutive activity starts (ms), meaningful for a chain.</returns>
    /// <exception cref="TimeoutException">It did not complete in time.</exception>
    /// <exception cref="InvalidOperationException">It did not complete successfully.</exception>
    public async Task<IReadOnlyList<double>> RunAsync(Shape shape, int size, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var instanceId = Guid.NewGuid().ToString("N");
        var starts = Starts.GetOrAdd(instanceId, _ => new ConcurrentQueue<DateTimeOffset>());
        var instance = await _client.CreateOrchestrationInstanceAsync(shape == Shape.FanOut ? typeof(FanOut) : typeof(Chain), instanceId, new Input(instanceId, size));
        using var unobserved = RequestCounter.Unobserved();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await _client.GetOrchestrationStateAsync(instance);
            if (state?.OrchestrationStatus == OrchestrationStatus.Completed)
            {
                break;
            }

            if (state?.OrchestrationStatus is OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled)
            {
                throw new InvalidOperationException($"The plain orchestration ended {state.OrchestrationStatus}: {state.Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The plain orchestration did not complete within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(20, cancellationToken);
        }

        Starts.TryRemove(instanceId, out _);
        var ordered = starts.Order().ToList();
        return ordered.Zip(ordered.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(isForced: true);
        _worker.Dispose();
    }

    internal sealed record Input(string Key, int Size);

    private sealed class FanOut : TaskOrchestration<int, Input>
    {
        public override async Task<int> RunTask(OrchestrationContext context, Input input)
        {
            await context.ScheduleTask<int>(typeof(Noop), input.Key);
            var workers = Enumerable.Range(0, input.Size).Select(_ => context.ScheduleTask<int>(typeof(Noop), input.Key));
            var results = await Task.WhenAll(workers);
            await context.ScheduleTask<int>(typeof(Noop), input.Key);
            return results.Length;
        }
    }

    private sealed class Chain : TaskOrchestration<int, Input>
    {
        public override async Task<int> RunTask(OrchestrationContext context, Input input)
        {
            for (var i = 0; i < input.Size; i++)
            {
                await context.ScheduleTask<int>(typeof(Noop), input.Key);
            }

            return input.Size;
        }
    }

    private sealed class Noop : TaskActivity<string, int>
    {
        protected override int Execute(TaskContext context, string input)
        {
            if (Starts.TryGetValue(input, out var starts))
            {
                starts.Enqueue(DateTimeOffset.UtcNow);
            }

            return 0;
        }
    }
}
