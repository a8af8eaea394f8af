using System.Globalization;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>
/// Row keys of a run's partition in the Runs table (partition key = run id). Kinds sort apart by prefix:
/// <c>event|…</c> &lt; <c>node|…</c> &lt; <c>outbox|…</c> &lt; <c>result|…</c> &lt; <c>run</c>.
/// </summary>
public static class RunRowKeys
{
    /// <summary>The header row.</summary>
    public const string Header = "run";

    /// <summary>Prefix of node rows.</summary>
    public const string NodePrefix = "node|";

    /// <summary>The journal row of a step too large for one transaction (at most one per run, while it is written).</summary>
    public const string Journal = "journal";

    /// <summary>Prefix of outbox rows (messages committed but maybe not yet sent).</summary>
    public const string OutboxPrefix = "outbox|";

    /// <summary>Prefix of event rows.</summary>
    public const string EventPrefix = "event|";

    /// <summary>Prefix of result rows (one per node attempt, written by the worker).</summary>
    public const string ResultPrefix = "result|";

    /// <summary>Gets the row key of a node.</summary>
    /// <param name="nodeId">The node id.</param>
    /// <returns><c>node|&lt;id&gt;</c>.</returns>
    public static string Node(string nodeId) => NodePrefix + nodeId;

    /// <summary>Gets the row key of a node attempt's result.</summary>
    /// <param name="nodeId">The node id, or a for_each instance id such as <c>review[3]</c>.</param>
    /// <param name="attempt">The attempt.</param>
    /// <param name="iteration">The loop iteration (1 outside loops).</param>
    /// <returns><c>result|&lt;id&gt;|&lt;attempt, 3 digits&gt;</c> in the first iteration (as before loops existed), and
    /// <c>result|&lt;id&gt;|i&lt;iteration, 3 digits&gt;|&lt;attempt, 3 digits&gt;</c> after it.</returns>
    public static string Result(string nodeId, int attempt, int iteration = 1) => iteration <= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{ResultPrefix}{nodeId}|{attempt:D3}")
        : string.Create(CultureInfo.InvariantCulture, $"{ResultPrefix}{nodeId}|i{iteration:D3}|{attempt:D3}");

    /// <summary>Gets the row key of an events row, by the sequence number of its last event.</summary>
    /// <param name="lastSeq">The last event's sequence number.</param>
    /// <returns><c>event|&lt;seq, 12 digits&gt;</c>.</returns>
    public static string Events(long lastSeq) => string.Create(CultureInfo.InvariantCulture, $"{EventPrefix}{lastSeq:D12}");

    /// <summary>Gets a fresh outbox row key for a transition.</summary>
    /// <param name="firstEventSeq">The first event sequence number of the transition.</param>
    /// <returns><c>outbox|&lt;seq&gt;|&lt;random&gt;</c>.</returns>
    public static string Outbox(long firstEventSeq) =>
        string.Create(CultureInfo.InvariantCulture, $"{OutboxPrefix}{firstEventSeq:D12}|{Guid.NewGuid():N}");
}
