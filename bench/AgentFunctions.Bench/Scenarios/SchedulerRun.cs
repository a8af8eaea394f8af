using System.Diagnostics;
using AgentFunctions.Bench.Hosting;
using AgentFunctions.Bench.Report;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;

namespace AgentFunctions.Bench.Scenarios;

/// <summary>
/// One measured run of a graph of no-op nodes through the real scheduler: <see cref="RunService.CreateAsync"/> (the
/// code behind <c>POST /api/runs</c>) → orchestrator queue → orchestrator step → work-item queue → worker → … until the
/// orchestrator commits the final status. In memory the <see cref="FastPump"/> delivers the messages; on Azurite the
/// app's own <c>StandaloneQueueProcessor</c> polls the queues. The wall time runs from the request to that final commit.
/// </summary>
internal static class SchedulerRun
{
    private static readonly TimeSpan s_headerPoll = TimeSpan.FromSeconds(2);

    public static async Task<RunSample> MeasureAsync(string root, StorageTarget target, Shape shape, int size, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var host = await SchedulerHost.StartAsync(root, target, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var processor = target.IsAzurite ? host.CreateProcessor() : null;
        if (processor is not null)
        {
            await processor.StartAsync(stop.Token);
        }

        var before = target.Counter?.Snapshot() ?? OperationCounts.None;
        var yaml = shape.Yaml(size);
        var clock = Stopwatch.StartNew();
        var created = await host.Runs.CreateAsync(new RunRequest(null, yaml, null, null), "bench", cancellationToken);
        var createMs = clock.Elapsed.TotalMilliseconds;
        if (created is not RunAccepted accepted)
        {
            await StopAsync(processor, null, stop);
            return new RunSample(Outcome.Failed, 0, createMs, 0, OperationCounts.None, [], null, $"the run was not accepted: {created}");
        }

        host.Watch.Watch(accepted.RunId);
        var pump = processor is null ? Task.Run(() => new FastPump(host).RunAsync(stop.Token), CancellationToken.None) : null;
        var poll = PollHeaderAsync(host, accepted.RunId, stop.Token);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = await Task.WhenAny(host.Watch.Ended, Task.Delay(timeout, timer.Token));
        var wallMs = clock.Elapsed.TotalMilliseconds;
        await timer.CancelAsync();
        await StopAsync(processor, pump, stop);
        await IgnoreCancellationAsync(poll);
        var operations = (target.Counter?.Snapshot() ?? OperationCounts.None).Minus(before);
        if (finished != host.Watch.Ended)
        {
            return new RunSample(Outcome.TimedOut, wallMs, createMs, host.Watch.Executed, operations, [], null,
                $"timed out after {timeout.TotalSeconds:0} s with {host.Watch.Executed:N0} of {shape.NodeCount(size):N0} nodes executed");
        }

#pragma warning disable VSTHRD103 // Ended has completed (WhenAny returned it).
        var ended = host.Watch.Ended.Result;
#pragma warning restore VSTHRD103
        if (ended != "succeeded")
        {
            var reason = ended.StartsWith("error: ", StringComparison.Ordinal) ? ended[7..] : $"the run ended {ended}: {host.Watch.FirstProblem}";
            var outcome = reason.Contains("not supported yet", StringComparison.OrdinalIgnoreCase) ? Outcome.NotSupported : Outcome.Failed;
            return new RunSample(outcome, wallMs, createMs, host.Watch.Executed, operations, [], null, reason);
        }

        var view = await host.Runs.GetAsync(accepted.RunId, cancellationToken);
        var sample = Verify(view, shape, size, wallMs, createMs, host.Watch.Executed, operations);
        return host.Watch.SeenByPoll
            ? sample with { Detail = $"{sample.Detail}; the end was seen by the fallback header poll, so the wall time is only good to {s_headerPoll.TotalSeconds:0} s" }
            : sample;
    }

    private static RunSample Verify(RunView? view, Shape shape, int size, double wallMs, double createMs, long executed, OperationCounts operations)
    {
        var nodes = view?.Nodes ?? [];
        var done = nodes.Count(n => n.Status == "succeeded");
        if (view?.Status != "succeeded" || done != shape.NodeCount(size))
        {
            return new RunSample(Outcome.Failed, wallMs, createMs, executed, operations, [], null,
                $"the run reports {view?.Status ?? "nothing"} with {done} of {shape.NodeCount(size)} nodes succeeded");
        }

        if (shape == Shape.Chain)
        {
            var starts = nodes.OrderBy(n => n.Id, StringComparer.Ordinal).Select(n => n.StartedAt!.Value).ToList();
            var gaps = starts.Skip(1).Select((t, i) => (t - starts[i]).TotalMilliseconds).ToList();
            return new RunSample(Outcome.Succeeded, wallMs, createMs, executed, operations, gaps, $"create {createMs:0} ms", null);
        }

        var byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var workers = nodes.Where(n => n.Id.StartsWith('w')).ToList();
        var dispatch = workers.Max(n => n.StartedAt!.Value) - byId["root"].CompletedAt!.Value;
        var fanIn = byId["join"].StartedAt!.Value - workers.Max(n => n.CompletedAt!.Value);
        return new RunSample(Outcome.Succeeded, wallMs, createMs, executed, operations, [],
            $"create {createMs:0} ms; root done → last worker started {dispatch.TotalMilliseconds:0} ms; last worker done → join started {fanIn.TotalMilliseconds:0} ms",
            null, dispatch.TotalMilliseconds, fanIn.TotalMilliseconds);
    }

    /// <summary>A fallback in case the orchestrator's log event changes: reads the header's status every 2 s (uncounted on Azurite: the poll reads the raw row).</summary>
    private static async Task PollHeaderAsync(SchedulerHost host, string runId, CancellationToken cancellationToken)
    {
        var table = host.UncountedAccount.GetTableClient(host.Names.RunsTable);
        while (!host.Watch.Ended.IsCompleted)
        {
            await Task.Delay(s_headerPoll, cancellationToken);
            try
            {
                var header = await table.GetEntityAsync(runId, RunRowKeys.Header, cancellationToken);
                if (header?.GetString("Status") is "succeeded" or "failed" or "cancelled")
                {
                    host.Watch.End(header.GetString("Status")!, seenByPoll: true);
                }
            }
            catch (Azure.RequestFailedException)
            {
                // Storage hiccup: the next poll tries again; the log event is the primary signal anyway.
            }
        }
    }

    private static async Task StopAsync(Core.Hosting.StandaloneQueueProcessor? processor, Task? pump, CancellationTokenSource stop)
    {
        await stop.CancelAsync();
        if (processor is not null)
        {
            await processor.StopAsync(CancellationToken.None);
            processor.Dispose();
        }

        if (pump is not null)
        {
            await IgnoreCancellationAsync(pump);
        }
    }

    private static async Task IgnoreCancellationAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
    }
}
