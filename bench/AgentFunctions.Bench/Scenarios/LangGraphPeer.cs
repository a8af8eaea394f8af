using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AgentFunctions.Bench.Report;

namespace AgentFunctions.Bench.Scenarios;

/// <summary>
/// Runs <c>bench/peers/langgraph-bench.mjs</c> (LangGraph.js, pinned in <c>bench/peers/package-lock.json</c>) once per
/// shape and size in its own Node process, which is killed (by its process id) when it exceeds the timeout.
/// </summary>
internal sealed class LangGraphPeer(string root, BenchOptions options)
{
    private string Folder => Path.Combine(root, "bench", "peers");

    public async Task<IReadOnlyList<PeerMeasurement>> RunAsync(IReadOnlyList<int> fanOut, IReadOnlyList<int> chain, CancellationToken cancellationToken)
    {
        Console.WriteLine("==> LangGraph.js");
        var results = new List<PeerMeasurement>();
        foreach (var (shape, sizes) in new[] { (Shape.FanOut, fanOut), (Shape.Chain, chain) })
        {
            foreach (var size in sizes)
            {
                var m = await MeasureAsync(shape, size, cancellationToken);
                Console.WriteLine(m.Outcome == Outcome.Succeeded
                    ? $"    {shape.Label()} {size,6}: {m.MedianMs,9:N0} ms  ({m.Nodes / (m.MedianMs / 1000):N0} nodes/s, {m.Runs} run(s))"
                    : $"    {shape.Label()} {size,6}: {m.Outcome}: {m.Reason}");
                results.Add(m);
            }
        }

        return results;
    }

    private async Task<PeerMeasurement> MeasureAsync(Shape shape, int size, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@langchain", "langgraph")))
        {
            return Failed(shape, size, $"LangGraph.js is not installed: run 'npm ci' in {Folder} (./scripts/bench.sh does).");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "langgraph-bench.mjs", "--shape", shape == Shape.FanOut ? "fanout" : "chain", "--n", size.ToString(CultureInfo.InvariantCulture),
            "--repeat", options.Repeat.ToString(CultureInfo.InvariantCulture),
            "--repeat-under-ms", options.RepeatUnder.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
        })
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.PeerTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new PeerMeasurement(shape, size, Outcome.TimedOut, $"timed out after {options.PeerTimeout.TotalSeconds:0} s", 0, options.PeerTimeout.TotalMilliseconds, null, null, null, null);
        }

        var output = await stdout;
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            return Failed(shape, size, $"node exited with {process.ExitCode}: {Tail(await stderr)}");
        }

        var json = JsonNode.Parse(line)!;
        return new PeerMeasurement(
            shape, size, Outcome.Succeeded, null, (int)json["runs"]!, (double)json["medianMs"]!,
            (double?)json["stepP50Ms"], (double?)json["stepP95Ms"], (double?)json["heapDeltaMb"],
            $"@langchain/langgraph {json["langgraph"]}, @langchain/core {json["core"]}");
    }

    private static PeerMeasurement Failed(Shape shape, int size, string reason) =>
        new(shape, size, Outcome.Failed, reason, 0, 0, null, null, null, null);

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new StringBuilder().AppendJoin(" | ", lines.TakeLast(3)).ToString();
    }
}
