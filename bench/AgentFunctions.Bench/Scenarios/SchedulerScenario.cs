using AgentFunctions.Bench.Hosting;
using AgentFunctions.Bench.Report;

namespace AgentFunctions.Bench.Scenarios;

/// <summary>Measures every size of both shapes on one storage target: a warm-up run first, then each size up to
/// <see cref="BenchOptions.Repeat"/> times while the runs so far took less than <see cref="BenchOptions.RepeatUnder"/>.</summary>
internal sealed class SchedulerScenario(string root, BenchOptions options, string name, StorageTarget target)
{
    public async Task<IReadOnlyList<RunMeasurement>> RunAsync(IReadOnlyList<int> fanOut, IReadOnlyList<int> chain, CancellationToken cancellationToken)
    {
        Console.WriteLine($"==> {name} (after a warm-up run of each shape)");
        await SchedulerRun.MeasureAsync(root, target, Shape.FanOut, 10, options.Timeout, cancellationToken);
        await SchedulerRun.MeasureAsync(root, target, Shape.Chain, 10, options.Timeout, cancellationToken);
        var results = new List<RunMeasurement>();
        foreach (var (shape, sizes) in new[] { (Shape.FanOut, fanOut), (Shape.Chain, chain) })
        {
            foreach (var size in sizes)
            {
                results.Add(await MeasureAsync(shape, size, cancellationToken));
            }
        }

        return results;
    }

    private async Task<RunMeasurement> MeasureAsync(Shape shape, int size, CancellationToken cancellationToken)
    {
        var samples = new List<RunSample>();
        var spent = 0.0;
        do
        {
            var sample = await SchedulerRun.MeasureAsync(root, target, shape, size, options.Timeout, cancellationToken);
            samples.Add(sample);
            spent += sample.WallMs;
            Console.WriteLine(sample.Outcome == Outcome.Succeeded
                ? $"    {shape.Label()} {size,6}: {sample.WallMs,9:N0} ms  ({shape.NodeCount(size) / (sample.WallMs / 1000):N0} nodes/s, {sample.Operations.Total:N0} storage ops)"
                : $"    {shape.Label()} {size,6}: {sample.Outcome}: {sample.Reason}");
            if (sample.Outcome != Outcome.Succeeded)
            {
                break;
            }
        }
        while (samples.Count < options.Repeat && spent < options.RepeatUnder.TotalMilliseconds);

        return new RunMeasurement(name, shape, size, samples);
    }
}
