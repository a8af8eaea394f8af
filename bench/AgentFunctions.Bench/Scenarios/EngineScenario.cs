using System.Diagnostics;
using AgentFunctions.Bench.Engine;
using AgentFunctions.Bench.Report;
using AgentFunctions.Cli.Local;

namespace AgentFunctions.Bench.Scenarios;

/// <summary>
/// The engine in this process (<see cref="InProcessEngine"/>) and the plain Durable Task peer (<see cref="PlainDurableTask"/>):
/// in memory, or on a fresh Azurite per size (a long-lived Azurite slows down as its in-memory tables grow, which would
/// favour whichever ran first). Each Azurite size starts with a small warm-up run that is not measured.
/// </summary>
internal sealed class EngineScenario(string root, BenchOptions options)
{
    public const string Memory = "engine, in-memory backend";
    public const string PlainPeer = "plain Durable Task";

    public static string OnAzurite(DurableProfile profile) => $"engine, Azurite, {profile.Name}";

    public static string PlainOnAzurite(DurableProfile profile) => $"{PlainPeer}, Azurite, {profile.Name}";

    public async Task<List<Measurement>> InMemoryAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine("==> engine on the in-memory backend");
        var results = new List<Measurement>();
        await using var engine = await InProcessEngine.StartAsync(root, null, DurableProfile.Tuned, null);
        await engine.RunAsync(BenchGraphs.FanOut(10), options.Timeout, cancellationToken);
        foreach (var (shape, size) in Sizes(options.MemoryFanOut, options.MemoryChain))
        {
            results.Add(await Repeater.MeasureAsync(Memory, shape, size, options, ct => EngineRunAsync(engine, shape, size, ct), cancellationToken));
        }

        return results;
    }

    public async Task<List<Measurement>> OnAzuriteAsync(DurableProfile profile, bool plain, IReadOnlyList<int> fanOut, IReadOnlyList<int> chain, CancellationToken cancellationToken)
    {
        var results = new List<Measurement>();
        var scenario = plain ? PlainOnAzurite(profile) : OnAzurite(profile);
        Console.WriteLine($"==> {scenario} ({profile.Describe()})");
        foreach (var (shape, size) in Sizes(fanOut, chain))
        {
            await using var azurite = await AzuriteProcess.StartAsync(root, cancellationToken);
            var counter = new RequestCounter();
            counter.QueuePorts.Add(azurite.QueuePort);
            counter.TablePorts.Add(azurite.TablePort);
            if (plain)
            {
                await using var peer = await PlainDurableTask.StartAsync(azurite.ConnectionString, profile, counter);
                await peer.RunAsync(Shape.FanOut, 10, options.Timeout, cancellationToken);
                results.Add(await Repeater.MeasureAsync(scenario, shape, size, options, ct => PlainRunAsync(peer, counter, shape, size, ct), cancellationToken));
            }
            else
            {
                await using var engine = await InProcessEngine.StartAsync(root, azurite.ConnectionString, profile, counter);
                await engine.RunAsync(BenchGraphs.FanOut(10), options.Timeout, cancellationToken);
                results.Add(await Repeater.MeasureAsync(scenario, shape, size, options, ct => EngineRunAsync(engine, shape, size, ct), cancellationToken));
            }
        }

        return results;
    }

    private static IEnumerable<(Shape, int)> Sizes(IReadOnlyList<int> fanOut, IReadOnlyList<int> chain) =>
        fanOut.Select(s => (Shape.FanOut, s)).Concat(chain.Select(s => (Shape.Chain, s)));

    private async Task<Sample> EngineRunAsync(InProcessEngine engine, Shape shape, int size, CancellationToken cancellationToken)
    {
        var before = engine.Counter?.Total;
        var clock = Stopwatch.StartNew();
        var view = await engine.RunAsync(shape.Yaml(size), options.Timeout, cancellationToken);
        var wall = clock.Elapsed.TotalMilliseconds;
        if (view.Status != "succeeded")
        {
            throw new InvalidOperationException($"Run {view.RunId} ended {view.Status}: {view.Error}");
        }

        var starts = view.Nodes.Where(n => n.StartedAt is not null).OrderBy(n => n.Id, StringComparer.Ordinal).Select(n => n.StartedAt!.Value).ToList();
        var gaps = shape == Shape.Chain ? starts.Zip(starts.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList() : [];
        return new Sample(wall, engine.Counter is { } c ? c.Total - before : null, gaps);
    }

    private async Task<Sample> PlainRunAsync(PlainDurableTask peer, RequestCounter counter, Shape shape, int size, CancellationToken cancellationToken)
    {
        var before = counter.Total;
        var clock = Stopwatch.StartNew();
        var gaps = await peer.RunAsync(shape, size, options.Timeout, cancellationToken);
        return new Sample(clock.Elapsed.TotalMilliseconds, counter.Total - before, shape == Shape.Chain ? gaps : []);
    }
}
