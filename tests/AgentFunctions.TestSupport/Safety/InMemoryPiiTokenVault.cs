using System.Collections.Concurrent;
using AgentFunctions.Core.Safety.Pii;

namespace AgentFunctions.TestSupport.Safety;

/// <summary>Token maps in memory, for unit tests (the app keeps them encrypted in Table storage, <see cref="TablePiiTokenVault"/>).</summary>
public sealed class InMemoryPiiTokenVault : IPiiTokenVault
{
    private readonly ConcurrentDictionary<string, PiiTokenMap> _maps = new(StringComparer.Ordinal);

    /// <summary>Gets the map of a run, or null.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>The map.</returns>
    public PiiTokenMap? Find(string runId) => _maps.GetValueOrDefault(runId);

    /// <inheritdoc/>
    public Task<PiiTokenMap> AddAsync(string runId, IReadOnlyCollection<(PiiKind Kind, string Value)> values, CancellationToken cancellationToken = default)
    {
        var map = _maps.GetOrAdd(runId, _ => new PiiTokenMap());
        lock (map)
        {
            foreach (var (kind, value) in values)
            {
                map.Add(kind, value);
            }

            return Task.FromResult(PiiTokenMap.FromJson(map.ToJson()));
        }
    }
}
