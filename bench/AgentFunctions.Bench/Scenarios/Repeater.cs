using System.Diagnostics;
using AgentFunctions.Bench.Report;

namespace AgentFunctions.Bench.Scenarios;

/// <summary>One timed run: wall time (ms), storage requests (null when not counted), chain step gaps (ms).</summary>
internal sealed record Sample(double WallMs, long? Requests, IReadOnlyList<double> StepGapsMs);

/// <summary>Runs a measurement up to <see cref="BenchOptions.Repeat"/> times while the runs so far took under <see cref="BenchOptions.RepeatUnder"/>, and keeps the median run.</summary>
internal static class Repeater
{
    public static async Task<Measurement> MeasureAsync(
        string scenario, Shape shape, int size, BenchOptions options, Func<CancellationToken, Task<Sample>> run, CancellationToken cancellationToken, string? notes = null)
    {
        var samples = new List<Sample>();
        var clock = Stopwatch.StartNew();
        try
        {
            while (samples.Count < options.Repeat && (samples.Count == 0 || clock.Elapsed < options.RepeatUnder))
            {
                samples.Add(await run(cancellationToken));
            }
        }
        catch (TimeoutException ex)
        {
            return Print(Measurement.Failed(scenario, shape, size, Outcome.TimedOut, ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Print(Measurement.Failed(scenario, shape, size, Outcome.Failed, $"{ex.GetType().Name}: {ex.Message}"));
        }

        var median = samples.OrderBy(s => s.WallMs).ElementAt((samples.Count - 1) / 2);
        return Print(new Measurement(scenario, shape, size, Outcome.Succeeded, null, samples.Count, median.WallMs, median.Requests, median.StepGapsMs, Notes: notes));
    }

    public static Measurement Print(Measurement m)
    {
        Console.WriteLine(m.Succeeded
            ? $"    {m.Scenario}: {m.Shape.Label()} {m.Size,6}: {m.WallMs,9:N0} ms  {m.NodesPerSecond,7:N0} nodes/s"
              + (m.RequestsPerNode is { } r ? $"  {r:0.0} requests/node" : string.Empty)
              + (m.StepP50Ms is { } p ? $"  step p50 {p:0.0} ms" : string.Empty)
              + (m.PeakRssMb is { } rss ? $"  peak RSS {rss:N0} MiB" : string.Empty)
            : $"    {m.Scenario}: {m.Shape.Label()} {m.Size,6}: {m.Outcome}: {m.Reason}");
        return m;
    }
}
