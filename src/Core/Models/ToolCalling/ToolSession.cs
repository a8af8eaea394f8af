using System.Collections.Concurrent;

namespace AgentFunctions.Core.Models.ToolCalling;

/// <summary>
/// The tools of one node attempt's model call and their bounds: which tools the model may call (by the name it sees), at most
/// <see cref="MaxToolCalls"/> calls in all, each within <see cref="CallTimeout"/>; and the record of every call, allowed or not.
/// </summary>
/// <param name="tools">The tools, by the name the model sees.</param>
/// <param name="maxToolCalls">The most tool calls the node may make in all (counting every model turn).</param>
/// <param name="callTimeout">The longest one tool call may run.</param>
public sealed class ToolSession(IReadOnlyDictionary<string, NodeTool> tools, int maxToolCalls, TimeSpan callTimeout)
{
    /// <summary>The most characters of a result kept in the record (the model receives the whole result).</summary>
    public const int MaxRecordedResultChars = 4000;

    private readonly ConcurrentQueue<ToolCallRecord> _records = new();
    private readonly ConcurrentQueue<Safety.Injection.InjectionFinding> _findings = new();
    private int _started;

    /// <summary>Gets the tools, by the name the model sees.</summary>
    public IReadOnlyDictionary<string, NodeTool> Tools { get; } = tools;

    /// <summary>Gets the most tool calls the node may make.</summary>
    public int MaxToolCalls { get; } = maxToolCalls;

    /// <summary>Gets the longest one call may run.</summary>
    public TimeSpan CallTimeout { get; } = callTimeout;

    /// <summary>Gets every call so far, in the order they finished.</summary>
    public IReadOnlyList<ToolCallRecord> Records => [.. _records];

    /// <summary>Gets or sets what the node's domain does when a tool result looks like a prompt injection (default warn).</summary>
    public Safety.InjectionPolicy InjectionPolicy { get; init; } = Safety.InjectionPolicy.Warn;

    /// <summary>Gets the prompt-injection findings in tool results so far.</summary>
    public IReadOnlyList<Safety.Injection.InjectionFinding> Findings => [.. _findings];

    /// <summary>Gets how many calls were refused because the node's limit was reached.</summary>
    public int OverLimit { get; private set; }

    /// <summary>Counts a call about to run.</summary>
    /// <returns>True when it is within <see cref="MaxToolCalls"/>.</returns>
    public bool TryStart()
    {
        if (Interlocked.Increment(ref _started) <= MaxToolCalls)
        {
            return true;
        }

        OverLimit++;
        return false;
    }

    /// <summary>Adds a record.</summary>
    /// <param name="record">The call.</param>
    public void Add(ToolCallRecord record) => _records.Enqueue(record);

    /// <summary>Adds prompt-injection findings of a tool result.</summary>
    /// <param name="findings">The findings.</param>
    public void AddFindings(IEnumerable<Safety.Injection.InjectionFinding> findings)
    {
        foreach (var finding in findings)
        {
            _findings.Enqueue(finding);
        }
    }

    /// <summary>Whether a call id has a record.</summary>
    /// <param name="callId">The call id.</param>
    /// <returns>True when recorded.</returns>
    public bool Has(string callId) => _records.Any(r => r.CallId == callId);
}
