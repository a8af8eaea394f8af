using System.Diagnostics;
using System.Globalization;
using AgentFunctions.Bench.Report;

namespace AgentFunctions.Bench.Scenarios;

/// <summary>
/// The previous engine (the project's own scheduler, last commit <see cref="Commit"/>) measured in the same sitting: its
/// own benchmark harness is checked out into a git worktree under <c>artifacts/bench/previous-engine</c>, built, run on
/// Azurite with its fast polling profile, and the rows of its "Azurite, one host" table are read back. The worktree is
/// removed afterwards.
/// </summary>
internal sealed class PreviousEngine(string root, BenchOptions options)
{
    /// <summary>The last commit of the previous engine on main.</summary>
    public const string Commit = "d080889";

    public const string Scenario = "previous engine, Azurite, fast polling";

    public async Task<List<Measurement>> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"==> previous engine (commit {Commit}) from a git worktree");
        var folder = Path.Combine(root, "artifacts", "bench", "previous-engine");
        await RemoveWorktreeAsync(folder);
        await RunToolAsync("git", root, cancellationToken, "worktree", "add", "--detach", folder, Commit);
        try
        {
            File.CreateSymbolicLink(Path.Combine(folder, "node_modules"), Path.Combine(root, "node_modules"));
            await RunToolAsync("dotnet", folder, cancellationToken, "build", "bench/AgentFunctions.Bench/AgentFunctions.Bench.csproj", "-c", "Release", "--nologo", "-v", "quiet");
            var output = Path.Combine(folder, "previous-results.md");
            await RunToolAsync("dotnet", folder, cancellationToken,
                "bench/AgentFunctions.Bench/bin/Release/net10.0/AgentFunctions.Bench.dll", "--only", "azurite", "--polling", "fast",
                "--azurite-fanout", string.Join(',', options.AzuriteFanOut), "--azurite-chain", string.Join(',', options.AzuriteChain),
                "--repeat", options.Repeat.ToString(CultureInfo.InvariantCulture), "--output", output);
            var rows = Parse(await File.ReadAllLinesAsync(output, cancellationToken));
            rows.ForEach(r => Repeater.Print(r));
            return rows;
        }
        finally
        {
            await RemoveWorktreeAsync(folder);
        }
    }

    /// <summary>Reads the "Azurite, fast polling" rows: | scenario | shape | N | nodes | status | wall | nodes/s | wall/node | ops/node | without empty polls | step p50 | step p95 | runs | notes |.</summary>
    private static List<Measurement> Parse(IEnumerable<string> lines)
    {
        var rows = new List<Measurement>();
        foreach (var line in lines.Where(l => l.StartsWith("| Azurite, fast polling |", StringComparison.Ordinal)))
        {
            var c = line.Split('|').Select(s => s.Trim()).ToArray();
            if (c.Length != 16 || c[2] is not ("chain" or "fan-out/fan-in"))
            {
                continue; // a row of another table (growth with N, operations by kind)
            }

            var shape = c[2] == "chain" ? Shape.Chain : Shape.FanOut;
            var size = (int)Number(c[3])!.Value;
            if (c[5] != "ok")
            {
                rows.Add(Measurement.Failed(Scenario, shape, size, Outcome.Failed, c[5]));
                continue;
            }

            var nodes = shape.NodeCount(size);
            // Its step p50 and p95 as the two "gaps", so the quantiles of this row read back as they were.
            double[] steps = Number(c[11]) is { } p50 && Number(c[12]) is { } p95 ? [p50, p95] : [];
            rows.Add(new Measurement(Scenario, shape, size, Outcome.Succeeded, null, (int)Number(c[13])!.Value, Number(c[6])!.Value,
                (long)Math.Round(Number(c[9])!.Value * nodes), steps, Notes: "its own harness; requests/node as it reports them"));
        }

        return rows.Count > 0 ? rows : throw new InvalidOperationException("The previous engine's results have no 'Azurite, fast polling' rows.");
    }

    private static double? Number(string cell)
    {
        var text = cell.Replace(",", string.Empty, StringComparison.Ordinal).Replace("ms", string.Empty, StringComparison.Ordinal).Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private async Task RemoveWorktreeAsync(string folder)
    {
        if (Directory.Exists(folder))
        {
            await RunToolAsync("git", root, CancellationToken.None, "worktree", "remove", "--force", folder);
        }

        await RunToolAsync("git", root, CancellationToken.None, "worktree", "prune");
    }

    private static async Task RunToolAsync(string file, string directory, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' exited with {process.ExitCode}.");
        }
    }
}
