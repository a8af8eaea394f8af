namespace AgentFunctions.Core.Safety.Pii;

/// <summary>Where each run's <see cref="PiiTokenMap"/> is kept, encrypted; the map's values never leave it in clear.</summary>
public interface IPiiTokenVault
{
    /// <summary>Adds values to a run's map (each new value gets the next number of its kind), atomically against other nodes of
    /// the run doing the same.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="values">The values found.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run's whole map after the addition.</returns>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    /// <exception cref="InvalidOperationException">The map grew past what one entity holds, or other writers kept winning.</exception>
    Task<PiiTokenMap> AddAsync(string runId, IReadOnlyCollection<(PiiKind Kind, string Value)> values, CancellationToken cancellationToken = default);
}
