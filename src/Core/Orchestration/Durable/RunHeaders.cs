using AgentFunctions.Core.Orchestration.Messages;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>Builds run headers.</summary>
public static class RunHeaders
{
    /// <summary>Builds the header of a run that has not started.</summary>
    /// <param name="creation">The run.</param>
    /// <returns>A pending header, events numbered from 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="creation"/> is null.</exception>
    public static RunHeader New(RunCreation creation)
    {
        ArgumentNullException.ThrowIfNull(creation);
        return new RunHeader(
            creation.RunId, creation.GraphName, creation.GraphHash, RunStatus.Pending, creation.Inputs.DeepClone().AsObject(),
            creation.CreatedAt, null, null, null, creation.BudgetUsd, 0, 0, 1, creation.Source, creation.Replay, creation.Trace);
    }
}
