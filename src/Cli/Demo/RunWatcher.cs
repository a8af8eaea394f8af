using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Progress;

namespace AgentFunctions.Cli.Demo;

/// <summary>Follows a run through the HTTP API: prints each status change and each event as it arrives, until the run ends.</summary>
public sealed class RunWatcher(HttpClient http, TextWriter output)
{
    /// <summary>Polls <c>GET /api/runs/{id}</c> and <c>GET /api/runs/{id}/events?after=</c> until the run is final.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="onFirstRunning">Called once when the run is first seen running (the demo looks at the task hub then), or null.</param>
    /// <param name="progress">The per-node progress display each poll of the run is shown on, or null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The final run document, and every status seen in order.</returns>
    /// <exception cref="TimeoutException">The run did not end in time.</exception>
    public async Task<(JsonObject Run, IReadOnlyList<string> Statuses)> WatchAsync(
        string runId, TimeSpan timeout, Func<CancellationToken, Task>? onFirstRunning = null, IRunProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var statuses = new List<string>();
        var started = DateTimeOffset.UtcNow;
        long cursor = 0;
        while (DateTimeOffset.UtcNow - started < timeout)
        {
            // Read the status first and the events second, and print the events first: the run record writes a status
            // together with the events that led to it, so the events read after it include them.
            var run = await GetJsonAsync($"api/runs/{runId}", cancellationToken);
            var status = run["status"]!.GetValue<string>();
            var page = await GetJsonAsync($"api/runs/{runId}/events?after={cursor}", cancellationToken);
            foreach (var ev in page["events"]!.AsArray())
            {
                await output.WriteLineAsync($"  {Elapsed(started)}  #{ev!["seq"],-3} {EventText.Describe(ev.AsObject())}");
            }

            if (progress is not null)
            {
                await progress.ShowAsync(run);
            }

            if (statuses.Count == 0 || statuses[^1] != status)
            {
                statuses.Add(status);
                await output.WriteLineAsync($"  {Elapsed(started)}  run is {status}");
                if (status == "running" && onFirstRunning is not null)
                {
                    await onFirstRunning(cancellationToken);
                }
            }

            cursor = page["cursor"]!.GetValue<long>();
            if (status is "succeeded" or "failed" or "cancelled" && page["events"]!.AsArray().Count == 0)
            {
                return (run, statuses);
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"Run {runId} did not end within {timeout.TotalSeconds:0} s.");
    }

    private async Task<JsonObject> GetJsonAsync(string path, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<JsonObject>(new Uri(path, UriKind.Relative), cancellationToken))!;

    private static string Elapsed(DateTimeOffset started) =>
        (DateTimeOffset.UtcNow - started).ToString(@"mm\:ss\.f", CultureInfo.InvariantCulture);
}
