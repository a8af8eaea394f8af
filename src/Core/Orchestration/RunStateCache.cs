using System.Collections.Concurrent;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// The state of recently orchestrated runs, kept by the process that last committed them, so that the next step of a run
/// does not read its whole partition again (which costs O(nodes) per step, O(nodes²) per run). An entry is only a
/// guess: the step commits with the cached header ETag, so if another process committed meanwhile the commit fails with
/// 412 and the step reloads from storage. Steps of one run in this process take the entry's lock, one at a time.
/// Keeps at most <c>capacity</c> runs; past that the least recently used are dropped.
/// </summary>
/// <param name="capacity">Most runs kept.</param>
public sealed class RunStateCache(int capacity = 256)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;

    /// <summary>Gets (or adds) the entry of a run; take <see cref="Entry.Lock"/> before using its state.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>The entry.</returns>
    public Entry For(string runId)
    {
        var entry = _entries.GetOrAdd(runId, _ => new Entry());
        entry.LastUsed = Interlocked.Increment(ref _clock);
        if (_entries.Count > capacity)
        {
            foreach (var old in _entries.OrderBy(e => e.Value.LastUsed).Take(_entries.Count - capacity).ToList())
            {
                _entries.TryRemove(old);
            }
        }

        return entry;
    }

    /// <summary>One run's cached state.</summary>
    public sealed class Entry
    {
        /// <summary>Gets the lock that serializes this process's steps of the run.</summary>
        public SemaphoreSlim Lock { get; } = new(1, 1);

        /// <summary>Gets or sets the state after this process's last commit, or null when unknown.</summary>
        public CachedRun? State { get; set; }

        internal long LastUsed { get; set; }
    }
}

/// <summary>A run as this process last committed it.</summary>
/// <param name="Header">The header.</param>
/// <param name="HeaderETag">The header's ETag after that commit.</param>
/// <param name="GraphYaml">The graph YAML.</param>
/// <param name="Nodes">Every node and for_each instance by id; updated in place after each commit, under the entry's lock.</param>
public sealed record CachedRun(RunHeader Header, string HeaderETag, string GraphYaml, Dictionary<string, NodeState> Nodes);
