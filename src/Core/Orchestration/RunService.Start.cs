using AgentFunctions.Core.Orchestration.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AgentFunctions.Core.Orchestration;

/// <content>Scheduling a run's orchestration exactly once per run id.</content>
public sealed partial class RunService
{
    // Every status: an instance with the run's id, in whatever state, means the run exists and must not be replaced.
    private static readonly OrchestrationRuntimeStatus[] s_everyStatus = Enum.GetValues<OrchestrationRuntimeStatus>();

    /// <summary>Schedules the orchestration of a run unless an instance with its id exists already.</summary>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="input">The orchestration input.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>True when this call scheduled it.</returns>
    private static async Task<bool> StartOrchestrationAsync(DurableTaskClient client, GraphRunInput input, CancellationToken cancellationToken)
    {
        var runId = input.Run.RunId;
        if (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return false;
        }

        try
        {
            var options = new StartOrchestrationOptions(runId).WithDedupeStatuses(s_everyStatus);
            await client.ScheduleNewOrchestrationInstanceAsync(DurableNames.GraphOrchestrator, input, options, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A concurrent request with the same id scheduled it first (backends report that differently): fine if it exists.
            if (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                return false;
            }

            throw;
        }
    }
}
