using System.Globalization;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>
/// Row keys of a run's partition in the Runs table (partition key = run id). Kinds sort apart by prefix:
/// <c>attempt|…</c> &lt; <c>event|…</c> &lt; <c>node|…</c> &lt; <c>run</c>.
/// </summary>
public static class RunRowKeys
{
    /// <summary>The header row.</summary>
    public const string Header = "run";

    /// <summary>Prefix of node rows (written by the orchestrator's record activity).</summary>
    public const string NodePrefix = "node|";

    /// <summary>Prefix of event rows (one per record batch, holding its events).</summary>
    public const string EventPrefix = "event|";

    /// <summary>Prefix of attempt rows (one per node attempt, claimed and completed by the node activity).</summary>
    public const string AttemptPrefix = "attempt|";

    /// <summary>Gets the row key of a node.</summary>
    /// <param name="nodeId">The node or instance id.</param>
    /// <returns><c>node|&lt;id&gt;</c>.</returns>
    public static string Node(string nodeId) => NodePrefix + nodeId;

    /// <summary>Gets the row key of a node attempt.</summary>
    /// <param name="nodeId">The node, or a for_each instance id such as <c>review[3]</c>.</param>
    /// <param name="iteration">The loop iteration (1 outside loops).</param>
    /// <param name="attempt">The attempt.</param>
    /// <returns><c>attempt|&lt;id&gt;|&lt;iteration, 3 digits&gt;|&lt;attempt, 3 digits&gt;</c>.</returns>
    public static string Attempt(string nodeId, int iteration, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"{AttemptPrefix}{nodeId}|{iteration:D3}|{attempt:D3}");

    /// <summary>Gets the row key of an event row, by its sequence number (rows written before one row per event held a batch, keyed by its last event).</summary>
    /// <param name="lastSeq">The (last) event's sequence number.</param>
    /// <returns><c>event|&lt;seq, 12 digits&gt;</c>.</returns>
    public static string Events(long lastSeq) => string.Create(CultureInfo.InvariantCulture, $"{EventPrefix}{lastSeq:D12}");

    /// <summary>Gets the first key after every key with a prefix (for range queries).</summary>
    /// <param name="prefix">A prefix ending in <c>|</c>.</param>
    /// <returns>The prefix with its last character replaced by <c>}</c>.</returns>
    public static string After(string prefix) => prefix[..^1] + "}";
}
