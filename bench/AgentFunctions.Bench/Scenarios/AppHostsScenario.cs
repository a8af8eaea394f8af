using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Bench.Engine;
using AgentFunctions.Bench.Report;
using AgentFunctions.Cli.Local;

namespace AgentFunctions.Bench.Scenarios;

/// <summary>
/// The real standalone host (<c>dotnet AgentFunctions.Functions.dll</c>, the process <c>./scripts/demo.sh</c> starts) over
/// HTTP on a fresh Azurite: a fan-out run through one host and through two hosts sharing the task hub (wall time from the
/// run record's <c>createdAt</c> to <c>completedAt</c>; each host's peak RSS, <c>VmHWM</c>), and the <c>POST /api/runs</c>
/// latency under an open-loop load.
/// </summary>
internal sealed class AppHostsScenario(string root, BenchOptions options)
{
    public static string Hosts(int count) => count == 1 ? "app, one host, Azurite" : $"app, {count} hosts, Azurite";

    public async Task<Measurement> FanOutAsync(int hosts, DurableProfile profile, CancellationToken cancellationToken)
    {
        var scenario = Hosts(hosts);
        Console.WriteLine($"==> {scenario} ({profile.Describe()})");
        await using var azurite = await AzuriteProcess.StartAsync(root, cancellationToken);
        var apps = new List<AppProcess>();
        try
        {
            for (var i = 0; i < hosts; i++)
            {
                apps.Add(await StartAppAsync(azurite, profile, i, cancellationToken));
            }

            using var http = apps[0].CreateClient(TimeSpan.FromSeconds(60));
            await RunAsync(http, BenchGraphs.FanOut(10), cancellationToken);
            var size = options.HostsFanOut;
            var busy = new List<double>();
            var m = await Repeater.MeasureAsync(scenario, Shape.FanOut, size, options, async ct =>
            {
                var before = CpuShare.Read();
                var (wall, _) = await RunAsync(http, BenchGraphs.FanOut(size), ct);
                busy.Add(CpuShare.BusyBetween(before, CpuShare.Read(), Environment.ProcessorCount) ?? double.NaN);
                return new Sample(wall, null, []);
            }, cancellationToken);
            var rss = apps.Select(a => PeakRssMb(a.ProcessId)).ToList();
            return m with
            {
                PeakRssMb = rss.Max(),
                Notes = $"peak RSS per host {string.Join(" / ", rss.Select(r => r?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"))} MiB; "
                    + $"the machine's {Environment.ProcessorCount} cores were {busy.Average() * 100:0} % busy during the runs",
                CpuBusy = busy.Average(),
            };
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    public async Task<PostMeasurement> PostLoadAsync(DurableProfile profile, int rate, CancellationToken cancellationToken)
    {
        Console.WriteLine($"==> POST /api/runs at {rate}/s for {options.PostSeconds} s, one host");
        await using var azurite = await AzuriteProcess.StartAsync(root, cancellationToken);
        await using var app = await StartAppAsync(azurite, profile, 0, cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("x-api-key", app.AdminKey);
        const string yaml = "name: bench-one\nnodes:\n  only:\n    tool: noop\n";
        for (var i = 0; i < 20; i++)
        {
            await PostAsync(http, yaml, cancellationToken);
        }

        var count = rate * options.PostSeconds;
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var cpu = CpuShare.Read();
        var clock = Stopwatch.StartNew();
        var sends = new List<Task<double?>>(count);
        for (var i = 0; i < count; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            sends.Add(TimedPostAsync(http, yaml, cancellationToken));
        }

        var results = await Task.WhenAll(sends);
        var latencies = results.Where(r => r is not null).Select(r => r!.Value).ToList();
        var m = new PostMeasurement(rate, clock.Elapsed.TotalSeconds, latencies, results.Count(r => r is null), null)
        {
            CpuBusy = CpuShare.BusyBetween(cpu, CpuShare.Read(), Environment.ProcessorCount),
        };
        Console.WriteLine($"    {latencies.Count} requests, p50 {m.P50:0.0} ms, p99 {m.P99:0.0} ms, max {m.Max:0.0} ms, {m.Failures} failed, CPU {m.CpuBusy * 100:0} % busy");
        return m;
    }

    private async Task<AppProcess> StartAppAsync(AzuriteProcess azurite, DurableProfile profile, int slot, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("bench-app-").FullName;
        var environment = new Dictionary<string, string>(profile.Environment())
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AgentFunctions__ContentRoot"] = root,
            ["Tools__Workspace__WorkRoot"] = work,
            ["Durable__WorkerId"] = $"bench-host-{slot}",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        return await AppProcess.StartAsync(RepositoryLayout.FunctionsAssembly(root), root, environment, cancellationToken: cancellationToken);
    }

    private async Task<(double WallMs, JsonObject Run)> RunAsync(HttpClient http, string yaml, CancellationToken cancellationToken)
    {
        var runId = await PostAsync(http, yaml, cancellationToken);
        var deadline = DateTime.UtcNow + options.Timeout;
        while (true)
        {
            await Task.Delay(250, cancellationToken);
            var run = (await http.GetFromJsonAsync<JsonObject>(new Uri($"api/runs/{runId}", UriKind.Relative), cancellationToken))!;
            var status = run["status"]!.GetValue<string>();
            if (status is "succeeded")
            {
                var created = run["createdAt"]!.GetValue<DateTimeOffset>();
                var completed = run["completedAt"]!.GetValue<DateTimeOffset>();
                return ((completed - created).TotalMilliseconds, run);
            }

            if (status is "failed" or "cancelled")
            {
                throw new InvalidOperationException($"Run {runId} ended {status}: {run["error"]}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} did not end within {options.Timeout.TotalSeconds:0} s (status {status}).");
            }
        }
    }

    private static async Task<string> PostAsync(HttpClient http, string yaml, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri("api/runs", UriKind.Relative), new { graphYaml = yaml }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/runs answered {(int)response.StatusCode}: {body}");
        }

        return JsonNode.Parse(body)!["runId"]!.GetValue<string>();
    }

    private static async Task<double?> TimedPostAsync(HttpClient http, string yaml, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await PostAsync(http, yaml, cancellationToken);
            return clock.Elapsed.TotalMilliseconds;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The process's peak resident set (MiB) from <c>/proc/{pid}/status</c> <c>VmHWM</c>, or null off Linux.</summary>
    private static double? PeakRssMb(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is not null && long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var kb) ? kb / 1024.0 : null;
    }
}
