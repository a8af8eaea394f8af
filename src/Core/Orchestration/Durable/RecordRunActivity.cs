using AgentFunctions.Core.Orchestration.Storage;
using Microsoft.DurableTask;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>Writes a batch of a run's record (header, node rows, events) for the API; idempotent, so a redelivery rewrites the same rows.</summary>
/// <param name="store">The run record.</param>
public sealed class RecordRunActivity(IRunStore store) : TaskActivity<RunRecordBatch, int>
{
    /// <inheritdoc/>
    /// <returns>How many events were written.</returns>
    public override async Task<int> RunAsync(TaskActivityContext context, RunRecordBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await store.WriteAsync(input);
        return input.Events.Count;
    }
}
