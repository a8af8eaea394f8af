using AgentFunctions.Core.Orchestration.Execution;
using AgentFunctions.Core.Orchestration.Storage;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>
/// Runs a node attempt while polling its run's status every <c>Orchestration:CancellationCheckInterval</c> (2 s by default):
/// when the run is cancelled the node's token is cancelled (a tool's process group is killed, a model call aborted) and the
/// attempt ends as stopped. An attempt that finishes without waiting (the <c>noop</c> tool) costs no poll.
/// </summary>
/// <param name="store">Reads the run's status.</param>
/// <param name="interval">How often to look.</param>
/// <param name="time">Clock for the stopped result.</param>
internal sealed class CancellationWatch(IRunStore store, TimeSpan interval, TimeProvider time)
{
    public async Task<NodeResult> RunAsync(string runId, NodeExecutionContext context, NodeExecutor executor)
    {
        using var cancelled = new CancellationTokenSource();
        var started = time.GetUtcNow();
        var execution = executor.ExecuteAsync(context, cancelled.Token);
        if (execution.IsCompleted)
        {
            return await execution;
        }

        using var stop = new CancellationTokenSource();
        var watcher = WatchAsync(runId, cancelled, stop.Token);
        try
        {
            return await execution;
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested)
        {
            return new NodeResult(context.Node.Id, context.Attempt, false, null, "Stopped: the run was cancelled while this attempt ran.",
                started, time.GetUtcNow(), null, null, false, 0, 0, 0, null);
        }
        finally
        {
            await stop.CancelAsync();
            await watcher;
        }
    }

    private async Task WatchAsync(string runId, CancellationTokenSource cancelled, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, time, stop);
                RunStatus? status;
                try
                {
                    status = await store.GetStatusAsync(runId, stop);
                }
                catch (Azure.RequestFailedException)
                {
                    continue; // storage hiccup: look again next time
                }

                if (status == RunStatus.Cancelled)
                {
                    await cancelled.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The node finished first.
        }
    }
}
