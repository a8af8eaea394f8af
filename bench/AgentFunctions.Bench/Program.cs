using System.Diagnostics;
using AgentFunctions.Bench;
using AgentFunctions.Bench.Hosting;
using AgentFunctions.Bench.Report;
using AgentFunctions.Bench.Scenarios;
using AgentFunctions.Cli.Local;
using AgentFunctions.Core.Hosting;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

var root = RepositoryLayout.FindRoot();
var command = (Environment.GetEnvironmentVariable("AF_BENCH_COMMAND") ?? "dotnet bench/AgentFunctions.Bench/bin/Release/net10.0/AgentFunctions.Bench.dll")
    + (args.Length > 0 ? " " + string.Join(' ', args) : string.Empty);
var output = Path.GetFullPath(options.Output ?? (options.IsFullRun
    ? Path.Combine(root, "bench", "results.md")
    : Path.Combine(root, "artifacts", "bench", "results.md")));
var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var cpuAtStart = CpuShare.Read();
var machine = await MachineInfo.DescribeAsync(root);
Console.WriteLine($"AgentFunctions benchmarks on {machine.Cores} cores, {machine.Memory}, {machine.DotNet}, Node {machine.Node}");
var problems = new List<string>();
var inMemory = new List<RunMeasurement>();
var azurite = new List<RunMeasurement>();
var ceiling = new List<CeilingMeasurement>();
var peers = new List<PeerMeasurement>();
var settings = new Dictionary<string, string>(StringComparer.Ordinal);

async Task GuardAsync(string scenario, Func<Task> body)
{
    try
    {
        await body();
    }
    catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
    {
        problems.Add($"{scenario}: {ex.GetType().Name}: {ex.Message}");
        await Console.Error.WriteLineAsync($"{scenario} failed: {ex}");
    }
}

if (options.Runs("in-memory"))
{
    await GuardAsync("in-memory", async () => inMemory.AddRange(
        await new SchedulerScenario(root, options, BenchResults.InMemoryScenario, StorageTarget.InMemory)
            .RunAsync(options.InMemoryFanOut, options.InMemoryChain, cancel.Token)));
}

if (options.Runs("azurite") || options.Runs("ceiling"))
{
    await GuardAsync("Azurite", async () =>
    {
        await using var storage = await AzuriteProcess.StartAsync(root, cancel.Token);
        Console.WriteLine($"==> Azurite {machine.Azurite} (process {storage.ProcessId}) on 127.0.0.1:{storage.BlobPort}/{storage.QueuePort}/{storage.TablePort}");
        if (options.Runs("ceiling"))
        {
            ceiling.AddRange(await new AzuriteCeiling(storage.ConnectionString, options.CeilingOps).RunAsync(cancel.Token));
        }

        foreach (var polling in options.Runs("azurite") ? options.Polling : [])
        {
            var target = new StorageTarget(storage.ConnectionString, new StorageOperationCounter(storage.QueuePort, storage.TablePort), polling);
            settings[polling] = Describe(polling);
            azurite.AddRange(await new SchedulerScenario(root, options, BenchResults.AzuriteScenario(polling), target)
                .RunAsync(options.AzuriteFanOut, options.AzuriteChain, cancel.Token));
        }
    });
}

if (options.Runs("langgraph"))
{
    var fanOut = options.InMemoryFanOut.Concat(options.AzuriteFanOut).Distinct().Order().ToList();
    var chain = options.InMemoryChain.Concat(options.AzuriteChain).Distinct().Order().ToList();
    await GuardAsync("LangGraph.js", async () => peers.AddRange(await new LangGraphPeer(root, options).RunAsync(fanOut, chain, cancel.Token)));
}

var results = new BenchResults(machine, command, started, clock.Elapsed, options, inMemory, azurite, settings, ceiling, peers, problems,
    MachineInfo.LoadAverage(), CpuShare.OthersBetween(cpuAtStart, CpuShare.Read(), machine.Cores));
var markdown = MarkdownReport.Render(results);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, markdown);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"Written to {Path.GetRelativePath(Directory.GetCurrentDirectory(), output)} in {clock.Elapsed.TotalMinutes:0.0} minutes.");
return problems.Count == 0 ? 0 : 1;

static string Describe(string polling)
{
    var o = new StandaloneOptions();
    var (min, max) = polling == "fast" ? StorageTarget.FastPolling : (o.MinPollingInterval, o.MaxPollingInterval);
    return $"the poller waits {min.TotalMilliseconds:0} ms after an empty receive, doubling up to {max.TotalMilliseconds:0} ms"
        + $"{(polling == "default" ? " (the app's defaults)" : " (Standalone:MinPollingInterval / MaxPollingInterval)")}; "
        + $"{o.MaxConcurrentWorkItems} work items at once, up to 32 orchestrator messages per receive";
}
