using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Api;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary>
/// Reads a run's event stream (<c>GET /api/runs/{id}/events/stream</c>, <c>text/event-stream</c>) with
/// <see cref="SseParser"/>: each run event once, in order; on a dropped connection it reconnects with <c>Last-Event-ID</c>
/// (the last <c>id:</c> seen) and skips anything at or before it; it ends on <c>event: end</c>.
/// </summary>
/// <param name="api">The API.</param>
/// <param name="reconnectDelay">How long to wait before reconnecting.</param>
/// <param name="maxReconnects">How many reconnects in a row without an event before giving up.</param>
public sealed class EventStreamFollower(ApiClient api, TimeSpan reconnectDelay, int maxReconnects = 10)
{
    /// <summary>Follows the stream until it ends.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="after">Start after this sequence number (0: from the first event).</param>
    /// <param name="onEvent">Called once per run event, in sequence order.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The <c>end</c> event's data (<c>{"runId", "status"}</c>).</returns>
    /// <exception cref="ApiProblemException">The API refused the stream (401, 403, 404).</exception>
    /// <exception cref="HttpRequestException">The connection failed more times in a row than the reconnect limit allows.</exception>
    public async Task<JsonObject> FollowAsync(string runId, long after, Func<JsonObject, Task> onEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(onEvent);
        var last = after;
        var failures = 0;
        Exception? lastError = null;
        var path = $"api/runs/{Uri.EscapeDataString(runId)}/events/stream";
        while (true)
        {
            try
            {
                using var response = await api.OpenEventStreamAsync(path, last > 0 ? last.ToString(CultureInfo.InvariantCulture) : null, cancellationToken);
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
                {
                    if (item.EventType == "end")
                    {
                        return JsonNode.Parse(item.Data) as JsonObject ?? [];
                    }

                    if (item.EventType == "heartbeat" || !long.TryParse(item.EventId, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
                    {
                        continue;
                    }

                    if (seq <= last)
                    {
                        continue; // already shown before a reconnect
                    }

                    failures = 0;
                    last = seq;
                    await onEvent(JsonNode.Parse(item.Data) as JsonObject ?? new JsonObject { ["seq"] = seq, ["type"] = item.EventType });
                }
            }
            catch (Exception ex) when (ex is HttpRequestException { StatusCode: null } or IOException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                lastError = ex;
            }

            // The stream dropped or ended without `event: end` (a proxy or the app closed it): resume after the last event seen.
            if (++failures > maxReconnects)
            {
                throw new HttpRequestException($"The event stream of run {runId} dropped {failures} times in a row without a new event" +
                    (lastError is null ? "." : $" (last: {lastError.Message})."), lastError);
            }

            await Task.Delay(reconnectDelay, cancellationToken);
        }
    }
}
