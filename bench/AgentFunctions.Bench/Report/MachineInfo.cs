using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace AgentFunctions.Bench.Report;

/// <summary>What the numbers were measured on.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Memory, string Os, string DotNet, string Node, string Azurite, string Commit, string? LoadAtStart)
{
    /// <summary>The 1-, 5- and 15-minute load averages (runnable processes) from /proc/loadavg, or null elsewhere.</summary>
    public static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    public static async Task<MachineInfo> DescribeAsync(string root)
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = memKb is not null && long.TryParse(memKb, CultureInfo.InvariantCulture, out var kb)
            ? $"{kb / 1024.0 / 1024.0:0.0} GiB"
            : $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024:0.0} GiB";
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease")).Trim() : null;
        var os = ReadField("/etc/os-release", "PRETTY_NAME")?.Trim('"') is { } pretty && kernel is not null
            ? $"{pretty}, Linux {kernel}"
            : RuntimeInformation.OSDescription;
        var azurite = Path.Combine(root, "node_modules", "azurite", "package.json");
        var commit = await RunAsync("git", root, "rev-parse", "--short", "HEAD");
        var dirty = await RunAsync("git", root, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results.md");
        return new MachineInfo(
            cpu, Environment.ProcessorCount, memory, os, RuntimeInformation.FrameworkDescription,
            await RunAsync("node", root, "--version"),
            File.Exists(azurite) ? JsonNode.Parse(await File.ReadAllTextAsync(azurite))?["version"]?.ToString() ?? "?" : "not installed",
            commit + (dirty.Length > 0 && dirty != "?" ? " (with uncommitted changes)" : string.Empty),
            LoadAverage());
    }

    private static string? ReadField(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        foreach (var line in File.ReadLines(file))
        {
            var separator = line.IndexOfAny([':', '=']);
            if (separator > 0 && line[..separator].Trim() == key)
            {
                return line[(separator + 1)..].Trim();
            }
        }

        return null;
    }

    private static async Task<string> RunAsync(string file, string directory, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return "?";
            }

            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
