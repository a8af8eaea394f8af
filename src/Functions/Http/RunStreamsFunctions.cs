using System.Globalization;
using System.Net.ServerSentEvents;
using AgentFunctions.Core.Auth;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Streaming;
using AgentFunctions.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AgentFunctions.Functions.Http;

/// <summary>
/// The run list and the live streams (server-sent events, <c>text/event-stream</c>, see
/// <see href="https://html.spec.whatwg.org/multipage/server-sent-events.html">the HTML standard</see>): a run's events,
/// resumable with <c>Last-Event-ID</c>, and the run list's status changes. Both send a <c>heartbeat</c> event when silent
/// for <c>?heartbeat=</c> seconds (1–300, default 15).
/// </summary>
/// <param name="runs">The run service.</param>
/// <param name="streams">The streams.</param>
public sealed class RunStreamsFunctions(RunService runs, RunStreams streams)
{
    /// <summary><c>GET /api/runs?graph=&amp;status=&amp;q=&amp;limit=</c>: the runs the key may read, newest first.</summary>
    /// <param name="request">The request (filters in the query: graph name, run status, a search text matched against run id and graph, 1–500 runs).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 <c>{"runs": [RunListItem…]}</c>, or 400 naming the bad query parameter.</returns>
    [Function("ListRuns")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ParseQuery(request) switch
        {
            (_, { } problem) => problem,
            (var query, _) => Results.Ok(new { runs = await runs.ListAsync(query!, request.Caller(), cancellationToken) }),
        };
    }

    /// <summary><c>GET /api/runs/stream</c>: one <c>run</c> event per listed run, then one each time a run's status, cost or error changes.</summary>
    /// <param name="request">The request (the query of <c>GET /api/runs</c>, and <c>heartbeat</c>).</param>
    /// <param name="cancellationToken">Ends the stream (the client went away).</param>
    /// <returns>The stream (it never ends by itself), or 400 naming the bad query parameter.</returns>
    [Function("StreamRuns")]
    public IResult StreamRuns(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/stream")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (query, problem) = ParseQuery(request);
        var (heartbeat, badHeartbeat) = Heartbeat(request);
        return problem ?? badHeartbeat ?? Sse(streams.RunListAsync(query!, request.Caller(), heartbeat, cancellationToken));
    }

    /// <summary><c>GET /api/runs/{runId}/events/stream</c>: the run's events as they are recorded (<c>id:</c> = sequence number), then <c>end</c>.</summary>
    /// <param name="request">The request: <c>Last-Event-ID</c> (wins) or <c>?after=</c> is the last sequence number the client has; <c>heartbeat</c>.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Ends the stream (the client went away).</param>
    /// <returns>The stream, or a problem (400 bad cursor or heartbeat, 403 outside the key's domains, 404 no such run).</returns>
    [Function("StreamRunEvents")]
    public async Task<IResult> StreamEventsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{runId}/events/stream")] HttpRequest request, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await RunsFunctions.DenyAsync(request, runs, runId, ApiRole.Reader, cancellationToken) is { } denied)
        {
            return denied;
        }

        var cursorText = request.Headers["Last-Event-ID"].FirstOrDefault() is { Length: > 0 } header ? header : request.Query["after"].FirstOrDefault();
        long after = 0;
        if (cursorText is not null && (!long.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return Problems.Result(400, "invalid-cursor", "The resume point is invalid.",
                $"'Last-Event-ID' (or 'after') must be a sequence number (0 or more), not '{cursorText}'.");
        }

        var (heartbeat, badHeartbeat) = Heartbeat(request);
        return badHeartbeat ?? Sse(streams.EventsAsync(runId, after, heartbeat, cancellationToken));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ServerSentEventsResult<object> Sse(IAsyncEnumerable<RunStreamItem> items) =>
        TypedResults.ServerSentEvents(ToSseAsync(items));

    private static async IAsyncEnumerable<SseItem<object>> ToSseAsync(IAsyncEnumerable<RunStreamItem> items)
    {
        await foreach (var item in items)
        {
            yield return new SseItem<object>(item.Data, item.Type)
            {
                EventId = item.Id?.ToString(CultureInfo.InvariantCulture),
            };
        }
    }

    private static (TimeSpan Interval, IResult? Problem) Heartbeat(HttpRequest request)
    {
        if (request.Query["heartbeat"].FirstOrDefault() is not { } text)
        {
            return (RunStreams.DefaultHeartbeat, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 300
            ? (TimeSpan.FromSeconds(seconds), null)
            : (default, Problems.Result(400, "invalid-query", "The query is invalid.", $"'heartbeat' must be whole seconds from 1 to 300, not '{text}'."));
    }

    private static (RunListQuery? Query, IResult? Problem) ParseQuery(HttpRequest request)
    {
        RunStatus? status = null;
        if (request.Query["status"].FirstOrDefault() is { Length: > 0 } statusText)
        {
            if (!Enum.GetValues<RunStatus>().Any(s => s.ToWire() == statusText))
            {
                return (null, Problems.Result(400, "invalid-query", "The query is invalid.",
                    $"'status' must be one of {string.Join(", ", Enum.GetValues<RunStatus>().Select(s => s.ToWire()))}, not '{statusText}'."));
            }

            status = StatusExtensions.ParseRunStatus(statusText);
        }

        var limit = 100;
        if (request.Query["limit"].FirstOrDefault() is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > RunListQuery.MaxLimit))
        {
            return (null, Problems.Result(400, "invalid-query", "The query is invalid.", $"'limit' must be a whole number from 1 to {RunListQuery.MaxLimit}, not '{limitText}'."));
        }

        var graph = request.Query["graph"].FirstOrDefault() is { Length: > 0 } g ? g : null;
        var search = request.Query["q"].FirstOrDefault() is { Length: > 0 } q ? q : null;
        return (new RunListQuery(graph, status, search, limit), null);
    }
}
