using static AgentFunctions.Bench.Report.Format;

namespace AgentFunctions.Bench.Report;

/// <summary>Checks the benchmark targets of issue 5 against the measurements, with the reason from the numbers.</summary>
internal static class Targets
{
    private const int Small = 1000;
    private const int Large = 10000;

    public static IReadOnlyList<TargetCheck> Check(BenchResults r)
    {
        var checks = new List<TargetCheck>();
        var small = r.Find(BenchResults.InMemoryScenario, Shape.FanOut, Small);
        var large = r.Find(BenchResults.InMemoryScenario, Shape.FanOut, Large);
        checks.Add(large is null
            ? new("In-memory: 10,000-node fan-out/fan-in under 1 s", "—", null, "size 10,000 not in this run")
            : large.Succeeded
                ? new("In-memory: 10,000-node fan-out/fan-in under 1 s", Ms(large.WallMs), large.WallMs < 1000, $"{Ms(large.MsPerNode)} per node")
                : new("In-memory: 10,000-node fan-out/fan-in under 1 s", Status(large.Outcome), false, large.Median.Reason ?? string.Empty));
        checks.Add(LinearCheck(small, large));
        foreach (var polling in r.AzuriteSettings.Keys)
        {
            var scenario = BenchResults.AzuriteScenario(polling);
            checks.Add(FanOutThroughput(r, scenario));
            checks.Add(OpsPerNode(r, scenario));
            checks.Add(ChainP50(r, scenario));
        }

        checks.Add(FasterThanPeer(r, BenchResults.InMemoryScenario));
        foreach (var polling in r.AzuriteSettings.Keys)
        {
            checks.Add(FasterThanPeer(r, BenchResults.AzuriteScenario(polling)));
        }

        return checks;
    }

    private static TargetCheck LinearCheck(RunMeasurement? small, RunMeasurement? large)
    {
        const string target = "In-memory: fan-out linear in N (time(10k) / time(1k) ≤ 15; 10 is linear)";
        if (small is null || large is null)
        {
            return new(target, "—", null, "sizes 1,000 and 10,000 are both needed");
        }

        if (!small.Succeeded || !large.Succeeded)
        {
            return new(target, "not measurable", false,
                $"1,000: {Status(small.Outcome).Trim('*')}; 10,000: {Status(large.Outcome).Trim('*')} (see the fan-out target above)");
        }

        var ratio = large.WallMs / small.WallMs;
        return new(target, $"ratio {ratio:0.0} ({Ms(small.WallMs)} → {Ms(large.WallMs)})", ratio <= 15,
            $"per node {Ms(small.MsPerNode)} at 1,000 and {Ms(large.MsPerNode)} at 10,000");
    }

    private static TargetCheck FanOutThroughput(BenchResults r, string scenario)
    {
        var target = $"{scenario}: fan-out/fan-in of 1,000 ≥ 100 nodes/s with one host";
        var m = r.Find(scenario, Shape.FanOut, Small);
        var ran = r.Azurite.Where(x => x.Scenario == scenario && x.Shape == Shape.FanOut && x.Succeeded).MaxBy(x => x.Size);
        var fallback = ran is null ? string.Empty : $" The widest fan-out that ran ({Int(ran.Size)}) did {Int(ran.NodesPerSecond)} nodes/s: {Why.Throughput(r, ran)}";
        if (m is null)
        {
            return new(target, "—", null, "size 1,000 not in this run." + fallback);
        }

        if (!m.Succeeded)
        {
            return new(target, Status(m.Outcome), false, (m.Median.Reason ?? string.Empty) + fallback);
        }

        return new(target, $"{Int(m.NodesPerSecond)} nodes/s", m.NodesPerSecond >= 100, Why.Throughput(r, m));
    }

    private static TargetCheck OpsPerNode(BenchResults r, string scenario)
    {
        var target = $"{scenario}: ≤ 8 storage operations per node, amortised";
        var runs = r.Azurite.Where(x => x.Scenario == scenario && x.Succeeded).ToList();
        if (runs.Count == 0)
        {
            return new(target, "—", null, "no Azurite run succeeded");
        }

        var measured = string.Join("; ", runs.Select(x => $"{x.Shape.Label()} {Int(x.Size)}: {Num(x.OpsPerNode)} ({Num(x.OpsPerNodeWithoutEmptyPolls)} without empty polls)"));
        var missing = r.Azurite.Where(x => x.Scenario == scenario && !x.Succeeded).Select(x => $"{x.Shape.Label()} {Int(x.Size)} did not run to the end").ToList();
        var worst = runs.MaxBy(x => x.OpsPerNode)!;
        return new(target, measured, runs.All(x => x.OpsPerNode <= 8),
            Why.Operations(worst) + (missing.Count > 0 ? " " + string.Join("; ", missing) + "." : string.Empty));
    }

    private static TargetCheck ChainP50(BenchResults r, string scenario)
    {
        var target = $"{scenario}: chain overhead per node p50 ≤ 25 ms";
        var m = r.Azurite.Where(x => x.Scenario == scenario && x.Shape == Shape.Chain).MaxBy(x => x.Size);
        if (m is null)
        {
            return new(target, "—", null, "no Azurite chain in this run");
        }

        return m.Succeeded
            ? new(target, $"p50 {Ms(m.StepP50Ms)}, p95 {Ms(m.StepP95Ms)} (chain of {Int(m.Size)})", m.StepP50Ms <= 25, Why.Chain(r, m))
            : new(target, Status(m.Outcome), false, m.Median.Reason ?? string.Empty);
    }

    private static TargetCheck FasterThanPeer(BenchResults r, string scenario)
    {
        var target = $"{scenario}: faster than LangGraph.js at every size measured";
        var pairs = r.Peers.Select(p => (Peer: p, Ours: r.Find(scenario, p.Shape, p.Size))).Where(x => x.Ours is not null).ToList();
        if (pairs.Count == 0)
        {
            return new(target, "—", null, "no size measured on both");
        }

        var lines = new List<string>();
        var all = true;
        foreach (var (peer, ours) in pairs)
        {
            var theirs = peer.Outcome == Outcome.Succeeded ? peer.MedianMs : peer.Outcome == Outcome.TimedOut ? peer.MedianMs : double.NaN;
            var faster = ours!.Succeeded && !double.IsNaN(theirs) && ours.WallMs < theirs;
            all &= faster;
            var oursText = ours.Succeeded ? Ms(ours.WallMs) : Status(ours.Outcome).Trim('*');
            var theirsText = peer.Outcome == Outcome.Succeeded ? Ms(peer.MedianMs) : peer.Outcome == Outcome.TimedOut ? $"> {Ms(peer.MedianMs)}" : "failed";
            lines.Add($"{peer.Shape.Label()} {Int(peer.Size)}: {oursText} vs {theirsText}{(faster ? string.Empty : " ✗")}");
        }

        return new(target, string.Join("; ", lines), all,
            all ? "faster at every size measured" : "✗ marks the sizes where it is not faster (or did not run)");
    }
}
