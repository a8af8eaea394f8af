using AgentFunctions.Core.Orchestration.Durable;
using AgentFunctions.Core.Orchestration.Messages;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>
/// The run record users read — header, node rows, events — and the attempt rows that make node activities idempotent.
/// The task hub stays the source of truth for execution; this is what the API, the dashboard and the learning loop read.
/// <see cref="TableRunStore"/> keeps it in Table storage (one partition per run); tests and the in-memory benchmark use an
/// in-memory implementation.
/// </summary>
public interface IRunStore
{
    /// <summary>Creates the table (and payload container) if missing.</summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>A task that completes when they exist.</returns>
    Task EnsureCreatedAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the header of a new run (status pending) unless one exists.</summary>
    /// <param name="creation">The run.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when this call created it; false when a header already existed.</returns>
    Task<bool> TryCreateAsync(RunCreation creation, CancellationToken cancellationToken = default);

    /// <summary>Reads a run's header and graph YAML.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The header, or null when the run does not exist.</returns>
    Task<StoredRunHeader?> GetHeaderAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Lists run headers, optionally only those of one graph or status (a scan of every run's header row: the list is
    /// for dashboards and the CLI, not for a hot path).</summary>
    /// <param name="graphName">Only runs of this graph, or null for all.</param>
    /// <param name="status">Only runs with this status, or null for all.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The headers, in no particular order.</returns>
    IAsyncEnumerable<StoredRunHeader> ListHeadersAsync(string? graphName, RunStatus? status, CancellationToken cancellationToken = default);

    /// <summary>Reads a run's status only (cheap; what a running node polls to notice a cancellation).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The status, or null when the run does not exist.</returns>
    Task<RunStatus?> GetStatusAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Reads a run with every node row, each completed with what its current attempt's row holds (output,
    /// details, and <c>running</c> while an activity executes it).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The run, or null when it does not exist.</returns>
    Task<RunRecord?> ReadAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Reads a run's events after a cursor.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="afterSeq">Return events with a sequence number above this (0 for all).</param>
    /// <param name="maxEvents">Most events to return.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Events in sequence order.</returns>
    Task<IReadOnlyList<RunEvent>> ReadEventsAsync(string runId, long afterSeq, int maxEvents, CancellationToken cancellationToken = default);

    /// <summary>Writes a batch of the run record (idempotent: node rows and the header are replaced, the events row is keyed by its last sequence number).</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task that completes when the batch is stored.</returns>
    Task WriteAsync(RunRecordBatch batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts an attempt of a node: returns the stored result when the attempt already ran (a redelivered activity), says
    /// so when the run ended before the attempt started (withdrawn), else claims the attempt for <paramref name="claimant"/>.
    /// </summary>
    /// <param name="key">The attempt.</param>
    /// <param name="claimant">Who runs it (host and process), for diagnostics.</param>
    /// <param name="now">When.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>What to do.</returns>
    Task<AttemptStart> BeginAttemptAsync(AttemptKey key, string claimant, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Stores an attempt's result, first writer wins: when another execution of the same attempt stored one first, that one is returned.</summary>
    /// <param name="key">The attempt.</param>
    /// <param name="result">This execution's result.</param>
    /// <param name="claim">The claim token <see cref="BeginAttemptAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The stored result.</returns>
    Task<NodeResult> EndAttemptAsync(AttemptKey key, NodeResult result, string claim, CancellationToken cancellationToken = default);

    /// <summary>Reads every stored attempt result of a run (every node, iteration and attempt), for recorded replays.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The results ordered by node, iteration and attempt.</returns>
    Task<IReadOnlyList<NodeResult>> ReadResultsAsync(string runId, CancellationToken cancellationToken = default);
}
