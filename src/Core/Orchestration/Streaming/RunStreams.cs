using System.Runtime.CompilerServices;
using AgentFunctions.Core.Auth;
using AgentFunctions.Core.Orchestration.Storage;

namespace AgentFunctions.Core.Orchestration.Streaming;

/// <summary>
/// The live feeds behind <c>GET /api/runs/{id}/events/stream</c> and <c>GET /api/runs/stream</c>, read by polling the run
/// record (Table storage has no change feed): every <see cref="PollInterval"/> the stream reads the run's status, then its
/// events after the last one sent. Reading the status first makes the end exact: a run's terminal status is written with
/// (or after) its last events, so once a terminal status was read, the events read next are all there are.
/// Events are numbered 1, 2, 3 … and only those the header has committed are read (<see cref="IRunStore.ReadEventsAsync"/>),
/// so resuming after the last sequence number a client saw repeats and loses nothing. A stream whose first read finds
/// nothing to send starts with a heart-beat, so a client (and any proxy) sees the response begin at once.
/// </summary>
/// <param name="store">The run record.</param>
/// <param name="runs">The run service (for the list).</param>
/// <param name="time">The clock (delays and heart-beats).</param>
public sealed class RunStreams(IRunStore store, RunService runs, TimeProvider time)
{
    /// <summary>How often a stream polls the run record when it has nothing new (500 ms).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the run-list stream re-reads the list (2 s: a list read scans every run's header).</summary>
    public static readonly TimeSpan ListPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The default heart-beat interval (15 s).</summary>
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(15);

    /// <summary>Streams a run's events after a sequence number until the run ends.</summary>
    /// <param name="runId">The run (the caller has checked it exists and may be read).</param>
    /// <param name="afterSeq">The last sequence number the client has (0 for all).</param>
    /// <param name="heartbeat">How long the stream may stay silent before it sends a <c>heartbeat</c> item.</param>
    /// <param name="cancellationToken">Ends the stream (the client went away).</param>
    /// <returns>Run events in sequence order (<see cref="RunStreamItem.Id"/> = sequence number), heart-beats, and one
    /// <c>end</c> item when the run has ended and every event was sent.</returns>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async IAsyncEnumerable<RunStreamItem> EventsAsync(
        string runId, long afterSeq, TimeSpan heartbeat, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = Math.Max(0, afterSeq);
        var lastSent = DateTimeOffset.MinValue; // a stream with nothing to send at once starts with a heart-beat: the client knows it is connected
        while (true)
        {
            var status = await store.GetStatusAsync(runId, cancellationToken);
            var sent = false;
            IReadOnlyList<RunEvent> page;
            do
            {
                page = await store.ReadEventsAsync(runId, cursor, 500, cancellationToken);
                foreach (var e in page)
                {
                    cursor = e.Seq;
                    sent = true;
                    yield return new RunStreamItem(e.Type, e.Seq, e);
                }
            }
            while (page.Count > 0);

            if (status is null || status.Value.IsTerminal())
            {
                yield return new RunStreamItem("end", null, new StreamMarker(runId, status?.ToWire() ?? "unknown", time.GetUtcNow()));
                yield break;
            }

            var now = time.GetUtcNow();
            if (sent)
            {
                lastSent = now;
            }
            else if (now - lastSent >= heartbeat)
            {
                lastSent = now;
                yield return new RunStreamItem("heartbeat", null, new StreamMarker(runId, status.Value.ToWire(), now));
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    /// <summary>Streams the run list: first every listed run (oldest first), then each run again whenever its status, cost
    /// or error changes, or it newly appears. Never ends by itself.</summary>
    /// <param name="query">Which runs (as <c>GET /api/runs</c>).</param>
    /// <param name="caller">The API key asking (only runs it may read), or null for a trusted caller.</param>
    /// <param name="heartbeat">How long the stream may stay silent before it sends a <c>heartbeat</c> item.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns><c>run</c> items (a <see cref="RunListItem"/>) and heart-beats.</returns>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async IAsyncEnumerable<RunStreamItem> RunListAsync(
        RunListQuery query, ApiCaller? caller, TimeSpan heartbeat, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new Dictionary<string, (string Status, decimal Cost, string? Error)>(StringComparer.Ordinal);
        var lastSent = DateTimeOffset.MinValue; // a stream with nothing to send at once starts with a heart-beat: the client knows it is connected
        while (true)
        {
            var list = await runs.ListAsync(query, caller, cancellationToken);
            var sent = false;
            foreach (var run in list.Reverse())
            {
                var state = (run.Status, run.CostUsd, run.Error);
                if (!seen.TryGetValue(run.RunId, out var before) || before != state)
                {
                    seen[run.RunId] = state;
                    sent = true;
                    yield return new RunStreamItem("run", null, run);
                }
            }

            var now = time.GetUtcNow();
            if (sent)
            {
                lastSent = now;
            }
            else if (now - lastSent >= heartbeat)
            {
                lastSent = now;
                yield return new RunStreamItem("heartbeat", null, new StreamMarker(null, null, now));
            }

            await Task.Delay(ListPollInterval, time, cancellationToken);
        }
    }
}
