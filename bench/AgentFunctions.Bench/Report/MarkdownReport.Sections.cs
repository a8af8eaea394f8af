using System.Text;
using AgentFunctions.Bench.Hosting;
using static AgentFunctions.Bench.Report.Format;

namespace AgentFunctions.Bench.Report;

internal static partial class MarkdownReport
{
    private static void OperationsTable(StringBuilder md, IReadOnlyList<RunMeasurement> runs)
    {
        var ok = runs.Where(m => m.Succeeded).ToList();
        if (ok.Count == 0)
        {
            return;
        }

        md.AppendLine("### Storage operations per node, by kind").AppendLine();
        md.AppendLine("Operations per node (mean time of one operation). An entity-group transaction counts as one operation; "
            + "a request the pipeline retried counts once; `→ 404` and the like are requests that answered with that status.").AppendLine();
        md.AppendLine("| operation | " + string.Join(" | ", ok.Select(m => $"{m.Scenario}: {m.Shape.Label()} {Int(m.Size)}")) + " |");
        md.AppendLine("|---|" + string.Concat(ok.Select(_ => "--:|")));
        var kinds = ok.SelectMany(m => m.Median.Operations.ByKind.Keys).Distinct().Order(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            md.Append($"| {Cell(kind)} |");
            foreach (var m in ok)
            {
                var (count, _) = m.Median.Operations.Get(kind);
                md.Append(count == 0 ? " — |" : $" {N((double)count / m.Nodes, "0.00")} ({Ms(m.Median.Operations.MeanMs(kind))}) |");
            }

            md.AppendLine();
        }

        md.AppendLine("| **total** |" + string.Concat(ok.Select(m => $" **{N(m.OpsPerNode, "0.00")}** |")));
        md.AppendLine();
    }

    private static void GrowthTable(StringBuilder md, BenchResults r)
    {
        var pairs = r.InMemory.Concat(r.Azurite).Where(m => m.Succeeded)
            .GroupBy(m => (m.Scenario, m.Shape))
            .Select(g => g.OrderBy(m => m.Size).ToList())
            .Where(g => g.Count >= 2)
            .Select(g => (Small: g[0], Large: g[^1]))
            .ToList();
        if (pairs.Count == 0)
        {
            return;
        }

        md.AppendLine("## Growth with N").AppendLine();
        md.AppendLine("Linear growth keeps the time per node flat (per-node ratio 1); a per-node ratio near the size ratio means the total grows with N².").AppendLine();
        md.AppendLine("| scenario | shape | sizes | size ratio | time ratio | per-node time ratio |").AppendLine("|---|---|---|--:|--:|--:|");
        foreach (var (small, large) in pairs)
        {
            md.AppendLine($"| {small.Scenario} | {small.Shape.Label()} | {Int(small.Size)} → {Int(large.Size)} | {N((double)large.Nodes / small.Nodes, "0.0")} | "
                + $"{N(large.WallMs / small.WallMs, "0.0")} | {N(large.MsPerNode / small.MsPerNode, "0.0")} |");
        }

        md.AppendLine();
    }

    private static void CeilingTable(StringBuilder md, BenchResults r)
    {
        if (r.Ceiling.Count == 0)
        {
            return;
        }

        md.AppendLine("## Azurite raw operations (the ceiling)").AppendLine();
        md.AppendLine($"The app's own storage clients in a loop of {Int(r.Ceiling[0].Count)} operations each, against the same Azurite, "
            + "in the same run: the most the scheduler could get out of this Azurite on this machine.").AppendLine();
        md.AppendLine($"| operation | ops/s, 1 in flight | ops/s, {r.Ceiling[0].Concurrency} in flight |").AppendLine("|---|--:|--:|");
        foreach (var c in r.Ceiling)
        {
            md.AppendLine($"| {c.Operation} | {Int(c.SequentialOpsPerSecond)} | {Int(c.ConcurrentOpsPerSecond)} |");
        }

        md.AppendLine();
    }

    private static void PeerTable(StringBuilder md, BenchResults r)
    {
        if (r.Peers.Count == 0)
        {
            return;
        }

        md.AppendLine("## LangGraph.js, same shapes").AppendLine();
        md.AppendLine("`bench/peers/langgraph-bench.mjs`: a `StateGraph` of no-op nodes without a checkpointer (LangGraph's fastest "
            + "configuration, nothing persisted): `root` → N × `Send(\"worker\")` → `join`, and a chain of N nodes. "
            + "The time covers building, compiling and invoking the graph, after a warm-up run in the same Node process.").AppendLine();
        md.AppendLine("| shape | N | nodes | status | wall (median) | nodes/s | wall / node | step p50 | step p95 | runs | heap growth |");
        md.AppendLine("|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var p in r.Peers)
        {
            var ok = p.Outcome == Outcome.Succeeded;
            md.AppendLine($"| {p.Shape.Label()} | {Int(p.Size)} | {Int(p.Nodes)} | {Status(p.Outcome)}{(ok ? string.Empty : ": " + Cell(p.Reason))} | "
                + (ok ? $"{Ms(p.MedianMs)} | {Int(p.Nodes / (p.MedianMs / 1000))} | {Ms(p.MedianMs / p.Nodes)} | " : "— | — | — | ")
                + $"{Ms(p.StepP50Ms)} | {Ms(p.StepP95Ms)} | {p.Runs} | {(p.HeapDeltaMb is { } mb ? N(mb, "0") + " MB" : "—")} |");
        }

        md.AppendLine();
    }

    private static void SideBySide(StringBuilder md, BenchResults r)
    {
        var scenarios = r.InMemory.Concat(r.Azurite).Select(m => m.Scenario).Distinct().ToList();
        if (r.Peers.Count == 0 || scenarios.Count == 0)
        {
            return;
        }

        md.AppendLine("## Side by side (wall time; × = LangGraph.js time / ours, above 1 means we are faster)").AppendLine();
        md.AppendLine("| shape | N | LangGraph.js | " + string.Join(" | ", scenarios.Select(s => $"{s} | ×")) + " |");
        md.AppendLine("|---|--:|--:|" + string.Concat(scenarios.Select(_ => "--:|--:|")));
        foreach (var p in r.Peers)
        {
            md.Append($"| {p.Shape.Label()} | {Int(p.Size)} | {(p.Outcome == Outcome.Succeeded ? Ms(p.MedianMs) : Status(p.Outcome))} |");
            foreach (var s in scenarios)
            {
                var ours = r.Find(s, p.Shape, p.Size);
                md.Append(ours switch
                {
                    null => " — | — |",
                    { Succeeded: false } => $" {Status(ours.Outcome)} | — |",
                    _ when p.Outcome == Outcome.Succeeded => $" {Ms(ours.WallMs)} | {N(p.MedianMs / ours.WallMs, "0.00")} |",
                    _ => $" {Ms(ours.WallMs)} | — |",
                });
            }

            md.AppendLine();
        }

        md.AppendLine();
    }

    private static void Notes(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Definitions").AppendLine();
        md.AppendLine("* **N**: fan-out width (the graph has N + 2 nodes: `root`, N workers, `join` needing all of them) or chain length. Every node is a `noop` tool node.");
        md.AppendLine("* **wall**: from the run request (`RunService.CreateAsync`, as `POST /api/runs`: parse, validate, enqueue, header) to the orchestrator's commit of the final status.");
        md.AppendLine("* **wall / node**: wall ÷ nodes. **step p50 / p95** (chains): time between the starts of consecutive nodes, i.e. the whole per-node overhead of the scheduler.");
        md.AppendLine("* **storage ops / node**: storage requests during the run ÷ nodes, including the poller's empty receives; **without empty polls** leaves those out.");
        md.AppendLine("* **not supported yet**: the scheduler refused the shape with its own error (a known limit), quoted in the notes. **timed out**: the run hit the cap; the notes say how far it got.");
        foreach (var problem in r.Problems)
        {
            md.AppendLine($"* **problem**: {Cell(problem)}");
        }
    }
}
