using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;
using Azure;

namespace AgentFunctions.Core.Orchestration.Storage;

public sealed partial class RunStore
{
    // Nodes not yet running end with the run, so a worker that takes one of their work items finds nothing to do.
    private async Task<IReadOnlyList<NodeState>> WithdrawAsync(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        [.. (await ReadNodesAsync(runId, cancellationToken)).Values
            .Where(n => n.Status is NodeStatus.Pending or NodeStatus.AwaitingApproval or NodeStatus.Scheduled)
            .Select(n => n.Status == NodeStatus.Scheduled
                ? n with { Status = NodeStatus.Cancelled, Error = $"the run failed before this attempt started: {reason}", CompletedAt = now, ReservedUsd = 0, SkipCause = SkipCauses.RunFailed }
                : n with { Status = NodeStatus.Skipped, Error = $"the run failed: {reason}", CompletedAt = now, SkipCause = SkipCauses.RunFailed, ReservedUsd = 0 })];

    /// <summary>
    /// Ends a run as failed when its orchestrator messages cannot be processed (they are being dead-lettered), so the run
    /// does not stay pending or running forever. Creates the header from <paramref name="creation"/> if it is missing.
    /// A run already ended is left as it is. Nodes that have not started are skipped, and scheduled ones cancelled.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="creation">The run's creation data when the failing message was its <c>run.start</c>, else null.</param>
    /// <param name="reason">Why the run failed.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task that completes when the failure is recorded.</returns>
    public async Task TryFailRunAsync(string runId, RunCreation? creation, string reason, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var loaded = await GetHeaderAsync(runId, cancellationToken);
            if (loaded is null && creation is null)
            {
                return;
            }

            var header = loaded?.Header ?? NewHeader(creation!);
            if (header.Status.IsTerminal())
            {
                return;
            }

            var now = _time.GetUtcNow();
            var failed = header with { Status = RunStatus.Failed, CompletedAt = now, Error = reason, NextEventSeq = header.NextEventSeq + 1 };
            var ev = new RunEvent(header.NextEventSeq, "run_failed", null, now, new JsonObject { ["error"] = reason, ["dead_lettered"] = true });
            var transition = new TransitionResult(failed, await WithdrawAsync(runId, reason, now, cancellationToken), [], [ev]);
            try
            {
                await CommitAsync(runId, loaded?.ETag, loaded is null ? creation : null, transition, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone else changed the run; look again.
            }
        }
    }
}
