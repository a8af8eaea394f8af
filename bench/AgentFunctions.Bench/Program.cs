using System.Diagnostics;
using AgentFunctions.Bench;
using AgentFunctions.Bench.Engine;
using AgentFunctions.Bench.Report;
using AgentFunctions.Bench.Scenarios;
using AgentFunctions.Cli.Local;

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
var runs = new List<Measurement>();
var peers = new List<PeerMeasurement>();
var ceiling = new List<CeilingMeasurement>();
var post = new List<PostMeasurement>();
var profiles = new Dictionary<string, string>(StringComparer.Ordinal)
{
    [DurableProfile.Tuned.Name] = DurableProfile.Tuned.Describe() + " (used unless a row names another profile)",
};

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

var engines = new EngineScenario(root, options);
var apps = new AppHostsScenario(root, options);
if (options.Runs("memory"))
{
    await GuardAsync("in-memory", async () => runs.AddRange(await engines.InMemoryAsync(cancel.Token)));
}

if (options.Runs("azurite"))
{
    await GuardAsync("Azurite, plain Durable Task", async () => runs.AddRange(
        await engines.OnAzuriteAsync(DurableProfile.Tuned, plain: true, options.AzuriteFanOut, options.AzuriteChain, cancel.Token)));
    await GuardAsync("Azurite, engine", async () => runs.AddRange(
        await engines.OnAzuriteAsync(DurableProfile.Tuned, plain: false, options.AzuriteFanOut, options.AzuriteChain, cancel.Token)));
    profiles[DurableProfile.HostJson.Name] = DurableProfile.HostJson.Describe() + " (the repository's host.json)";
    await GuardAsync("Azurite, engine, host.json settings", async () => runs.AddRange(
        await engines.OnAzuriteAsync(DurableProfile.HostJson, plain: false, [options.AzuriteFanOut.Max()], [options.AzuriteChain.Max()], cancel.Token)));
}

if (options.Runs("previous"))
{
    await GuardAsync("previous engine", async () => runs.AddRange(await new PreviousEngine(root, options).RunAsync(cancel.Token)));
}

if (options.Runs("hosts"))
{
    await GuardAsync("one host", async () => runs.Add(await apps.FanOutAsync(1, DurableProfile.Tuned, cancel.Token)));
    await GuardAsync("two hosts", async () => runs.Add(await apps.FanOutAsync(2, DurableProfile.Tuned, cancel.Token)));
}

if (options.Runs("post"))
{
    // The target's rate, and a tenth of it: what a POST costs when Azurite is not saturated by the runs it starts.
    foreach (var rate in new[] { options.PostRate, Math.Max(1, options.PostRate / 10) })
    {
        await GuardAsync($"POST load {rate}/s", async () => post.Add(await apps.PostLoadAsync(DurableProfile.Tuned, rate, cancel.Token)));
    }
}

if (options.Runs("ceiling"))
{
    await GuardAsync("Azurite ceiling", async () => ceiling.AddRange(await new AzuriteCeiling(root).RunAsync(cancel.Token)));
}

if (options.Runs("langgraph"))
{
    var fanOut = options.MemoryFanOut.Concat(options.AzuriteFanOut).Distinct().Order().ToList();
    var chain = options.MemoryChain.Concat(options.AzuriteChain).Distinct().Order().ToList();
    await GuardAsync("LangGraph.js", async () => peers.AddRange(await new LangGraphPeer(root, options).RunAsync(fanOut, chain, cancel.Token)));
}

problems.AddRange(runs.Where(r => !r.Succeeded).Select(r => $"{r.Scenario}, {r.Shape.Label()} {r.Size}: {r.Outcome}: {r.Reason}"));
var results = new BenchResults(machine, command, started, clock.Elapsed, options, runs, peers, ceiling, post, profiles, problems,
    MachineInfo.LoadAverage(), CpuShare.OthersBetween(cpuAtStart, CpuShare.Read(), machine.Cores));
var markdown = MarkdownReport.Render(results);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, markdown);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"Written to {Path.GetRelativePath(Directory.GetCurrentDirectory(), output)} in {clock.Elapsed.TotalMinutes:0.0} minutes.");
return problems.Count == 0 ? 0 : 1;
