using AgentFunctions.Bench.Hosting;
using static AgentFunctions.Bench.Report.Format;

namespace AgentFunctions.Bench.Report;

/// <summary>Explanations of a result, computed from the measurements (never written by hand).</summary>
internal static class Why
{
    /// <summary>The heaviest operation kinds of a run, per node: "table query (page) 3.0/node (1.2 ms each), …".</summary>
    public static string TopOperations(RunMeasurement m, int count = 4)
    {
        var ops = m.Median.Operations;
        return string.Join(", ", ops.ByKind.OrderByDescending(kv => kv.Value.Count).Take(count)
            .Select(kv => $"{kv.Key} {Num((double)kv.Value.Count / m.Nodes)}/node ({Ms(ops.MeanMs(kv.Key))} each)"));
    }

    public static string Operations(RunMeasurement worst) =>
        $"Worst: {worst.Shape.Label()} {Int(worst.Size)} with {Num(worst.OpsPerNode)} per node: {TopOperations(worst)}.";

    public static string Throughput(BenchResults r, RunMeasurement m)
    {
        var ops = m.Median.Operations;
        var busy = ops.ByKind.Where(kv => kv.Key != OperationCounts.EmptyPoll).ToList();
        var meanMs = busy.Sum(kv => kv.Value.Count) == 0 ? 0 : TimeSpan.FromTicks(busy.Sum(kv => kv.Value.Ticks)).TotalMilliseconds / busy.Sum(kv => kv.Value.Count);
        var phases = m.Median.DispatchMs is { } dispatch && m.Median.FanInMs is { } fanIn
            ? $"Of the {Ms(m.WallMs)}, {Ms(dispatch)} passed between the root's completion and the start of the last worker, and {Ms(fanIn)} between the last worker's completion and the start of the join. "
            : string.Empty;
        var text = phases + $"{Num(m.OpsPerNodeWithoutEmptyPolls)} storage operations per node (without empty polls) at {Ms(meanMs)} each on average; heaviest: {TopOperations(m, 3)}.";
        if (r.CeilingOpsPerSecond is { } ceiling && m.OpsPerNodeWithoutEmptyPolls > 0)
        {
            text += $" Azurite's raw ceiling here (~{Int(ceiling)} simple operations/s with 8 in flight) allows at most ~{Int(ceiling / m.OpsPerNodeWithoutEmptyPolls)} nodes/s at that many operations per node.";
        }

        return text;
    }

    public static string Chain(BenchResults r, RunMeasurement m)
    {
        var ops = m.Median.Operations;
        var busy = ops.ByKind.Where(kv => kv.Key != OperationCounts.EmptyPoll).ToList();
        var storageMs = TimeSpan.FromTicks(busy.Sum(kv => kv.Value.Ticks)).TotalMilliseconds / m.Nodes;
        var polling = r.AzuriteSettings.FirstOrDefault(kv => BenchResults.AzuriteScenario(kv.Key) == m.Scenario).Value;
        return $"Each node of a chain waits for the one before it: {Num(m.OpsPerNodeWithoutEmptyPolls)} storage operations per node "
            + $"take {Ms(storageMs)} per node in sum (all sequential in a chain), the rest is polling and processing ({polling}). "
            + $"Heaviest: {TopOperations(m, 3)}.";
    }
}
