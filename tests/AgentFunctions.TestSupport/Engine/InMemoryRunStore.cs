using System.Collections.Concurrent;
using System.Text.Json;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Durable;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;

namespace AgentFunctions.TestSupport.Engine;

/// <summary>
/// The run record in memory, with the semantics of <see cref="TableRunStore"/> (first-writer-wins attempts, withdrawal,
/// merged views), for orchestrator tests on the Durable Task in-memory backend and the in-memory benchmark. Values are
/// copied through JSON on the way in and out, as a store would.
/// </summary>
public sealed class InMemoryRunStore : IRunStore
{
    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<bool> TryCreateAsync(RunCreation creation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(creation);
        var run = _runs.GetOrAdd(creation.RunId, _ => new Run());
        lock (run)
        {
            if (run.Header is not null)
            {
                return Task.FromResult(false);
            }

            run.Header = RunHeaders.New(creation);
            run.GraphYaml = creation.GraphYaml;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<StoredRunHeader?> GetHeaderAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return Task.FromResult<StoredRunHeader?>(null);
        }

        lock (run)
        {
            return Task.FromResult(run.Header is null ? null : new StoredRunHeader(Copy(run.Header), run.GraphYaml));
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredRunHeader> ListHeadersAsync(
        string? graphName, RunStatus? status, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var runId in _runs.Keys.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await GetHeaderAsync(runId, cancellationToken) is { } stored
                && (graphName is null || stored.Header.GraphName == graphName) && (status is null || stored.Header.Status == status))
            {
                yield return stored;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<RunStatus?> GetStatusAsync(string runId, CancellationToken cancellationToken = default) =>
        (await GetHeaderAsync(runId, cancellationToken))?.Header.Status;

    /// <inheritdoc/>
    public Task<RunRecord?> ReadAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return Task.FromResult<RunRecord?>(null);
        }

        lock (run)
        {
            if (run.Header is null)
            {
                return Task.FromResult<RunRecord?>(null);
            }

            var nodes = run.Nodes.ToDictionary(kv => kv.Key, kv => Copy(kv.Value), StringComparer.Ordinal);
            var merged = RunRecordAssembler.Merge(nodes, run.Attempts.Values.Select(a => a with { Result = a.Result is null ? null : Copy(a.Result) }));
            return Task.FromResult<RunRecord?>(new RunRecord(Copy(run.Header), run.GraphYaml, merged));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<RunEvent>> ReadEventsAsync(string runId, long afterSeq, int maxEvents, CancellationToken cancellationToken = default)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return Task.FromResult<IReadOnlyList<RunEvent>>([]);
        }

        lock (run)
        {
            return Task.FromResult<IReadOnlyList<RunEvent>>([.. run.Events.Where(e => e.Seq > afterSeq).Take(maxEvents).Select(Copy)]);
        }
    }

    /// <inheritdoc/>
    public Task WriteAsync(RunRecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var run = _runs.GetOrAdd(batch.RunId, _ => new Run());
        lock (run)
        {
            if (run.RecordVersion > batch.Version)
            {
                return Task.CompletedTask; // a later batch was written: this one is a stale copy
            }

            run.RecordVersion = batch.Version;
            foreach (var node in batch.Nodes)
            {
                run.Nodes[node.NodeId] = Copy(node);
            }

            var known = run.Events.Count == 0 ? 0 : run.Events[^1].Seq;
            run.Events.AddRange(batch.Events.Where(e => e.Seq > known).Select(Copy));
            if (batch.Header is not null)
            {
                run.Header = Copy(batch.Header);
                run.GraphYaml = batch.GraphYaml ?? run.GraphYaml;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<AttemptStart> BeginAttemptAsync(AttemptKey key, string claimant, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_runs.TryGetValue(key.RunId, out var run))
        {
            return Task.FromResult<AttemptStart>(new AttemptStart.RunMissing());
        }

        lock (run)
        {
            if (run.Header is null)
            {
                return Task.FromResult<AttemptStart>(new AttemptStart.RunMissing());
            }

            var id = (key.NodeId, key.Iteration, key.Attempt);
            run.Attempts.TryGetValue(id, out var existing);
            if (existing?.Result is { } stored)
            {
                return Task.FromResult<AttemptStart>(new AttemptStart.Stored(Copy(stored)));
            }

            if (existing is null && run.Header.Status is RunStatus.Failed or RunStatus.Cancelled)
            {
                return Task.FromResult<AttemptStart>(new AttemptStart.Withdrawn(run.Header.Status));
            }

            var token = Guid.NewGuid().ToString("N");
            run.Attempts[id] = new AttemptRow(key.NodeId, key.Iteration, key.Attempt, now, claimant, null);
            run.Tokens[id] = token;
            return Task.FromResult<AttemptStart>(new AttemptStart.Claimed(token, new StoredRunHeader(Copy(run.Header), run.GraphYaml), existing is not null));
        }
    }

    /// <inheritdoc/>
    public Task<NodeResult> EndAttemptAsync(AttemptKey key, NodeResult result, string claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(result);
        var run = _runs.GetOrAdd(key.RunId, _ => new Run());
        lock (run)
        {
            var id = (key.NodeId, key.Iteration, key.Attempt);
            if (run.Attempts.TryGetValue(id, out var existing) && existing.Result is { } stored)
            {
                return Task.FromResult(Copy(stored));
            }

            run.Attempts[id] = new AttemptRow(key.NodeId, key.Iteration, key.Attempt, existing?.ClaimedAt ?? result.StartedAt, existing?.Claimant ?? string.Empty, Copy(result));
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<NodeResult>> ReadResultsAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return Task.FromResult<IReadOnlyList<NodeResult>>([]);
        }

        lock (run)
        {
            return Task.FromResult<IReadOnlyList<NodeResult>>([.. run.Attempts.Values.Where(a => a.Result is not null)
                .OrderBy(a => a.NodeId, StringComparer.Ordinal).ThenBy(a => a.Iteration).ThenBy(a => a.Attempt).Select(a => Copy(a.Result!))]);
        }
    }

    private static T Copy<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, MessageCodec.Options), MessageCodec.Options)!;

    private sealed class Run
    {
        public RunHeader? Header { get; set; }

        public string GraphYaml { get; set; } = string.Empty;

        public long RecordVersion { get; set; }

        public Dictionary<string, NodeState> Nodes { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string, int, int), AttemptRow> Attempts { get; } = [];

        public Dictionary<(string, int, int), string> Tokens { get; } = [];

        public List<RunEvent> Events { get; } = [];
    }
}
