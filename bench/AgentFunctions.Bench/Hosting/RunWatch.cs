using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Bench.Hosting;

/// <summary>
/// Watches the scheduler's own log events (no extra storage operations): the orchestrator's commit event says when the
/// watched run reaches a final status, the worker's event counts executed nodes, and any warning or error (a failed
/// orchestrator step, a failed work item) ends the measurement with its message, because no-op nodes never fail.
/// </summary>
internal sealed partial class RunWatch
{
    private const int CommittedEventId = 102; // RunOrchestrator: "Run {RunId} is {Status}: committed …"
    private const int ExecutedEventId = 202;  // WorkItemProcessor: "Executed {RunId}/{NodeId}#{Attempt} …"
    private static readonly string[] s_finalStatuses = ["succeeded", "failed", "cancelled", "Succeeded", "Failed", "Cancelled"];

    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _runId;
    private long _executed;

    /// <summary>Completes with the final status, or with <c>error: …</c> when the scheduler logged a warning or an error.</summary>
    public Task<string> Ended => _ended.Task;

    public long Executed => Interlocked.Read(ref _executed);

    /// <summary>Gets the first warning or error logged, with its exception message.</summary>
    public string? FirstProblem { get; private set; }

    public void Watch(string runId) => _runId = runId;

    /// <summary>Ends the measurement from outside (a poll of the header saw the final status, or the pump saw a failure).</summary>
    public void End(string outcome, bool seenByPoll = false)
    {
        if (_ended.TrySetResult(outcome))
        {
            SeenByPoll = seenByPoll;
        }
    }

    /// <summary>Gets whether the end was seen by the fallback header poll (so the wall time is only good to its interval) rather than the log event.</summary>
    public bool SeenByPoll { get; private set; }

    public void Record<TState>(LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (level >= LogLevel.Warning)
        {
            var message = RunIds().Replace(exception is null ? formatter(state, exception) : $"{exception.GetType().Name}: {exception.Message}", "<run>");
            FirstProblem ??= message;
            _ended.TrySetResult("error: " + message);
            return;
        }

        if (eventId.Id == ExecutedEventId)
        {
            Interlocked.Increment(ref _executed);
        }
        else if (eventId.Id == CommittedEventId && state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            var runId = values.FirstOrDefault(v => v.Key == "RunId").Value?.ToString();
            var status = values.FirstOrDefault(v => v.Key == "Status").Value?.ToString();
            if (runId is not null && runId == _runId && status is not null && s_finalStatuses.Contains(status))
            {
                _ended.TrySetResult(status.ToLowerInvariant());
            }
        }
    }

    /// <summary>Run ids (<c>run-yyyyMMdd-HHmmss-xxxxxxxx</c>), replaced in messages so a report does not change from run to run.</summary>
    [GeneratedRegex("run-[0-9]{8}-[0-9]{6}-[0-9a-f]{8}")]
    private static partial Regex RunIds();
}
