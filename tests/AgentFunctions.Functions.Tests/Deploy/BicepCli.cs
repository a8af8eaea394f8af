using System.Diagnostics;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>
/// The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (a <c>PackageDownload</c> of this test project):
/// <c>$NUGET_PACKAGES</c> (or <c>~/.nuget/packages</c>) <c>/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep</c>.
/// </summary>
internal static class BicepCli
{
    /// <summary>The pinned version; the csproj's <c>PackageDownload</c> names the same.</summary>
    public const string Version = "0.49.2";

    private static readonly TimeSpan s_bound = TimeSpan.FromMinutes(3);

    /// <summary>Gets the path of the executable, made executable (NuGet extracts it without the x bit).</summary>
    /// <exception cref="FileNotFoundException">The package was not restored.</exception>
    public static string ExecutablePath
    {
        get
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var path = Path.Combine(packages, "azure.bicep.commandline.linux-x64", Version, "tools", "bicep");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The Bicep CLI is not at {path}: restore tests/AgentFunctions.Functions.Tests (it downloads Azure.Bicep.CommandLine.linux-x64 {Version}).", path);
            }

            // The package is the linux-x64 build; on Windows there is no x bit to set (and this binary would not run).
            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(path);
                const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
                if ((mode & execute) != execute)
                {
                    File.SetUnixFileMode(path, mode | execute);
                }
            }

            return path;
        }
    }

    /// <summary>Runs the CLI with the given arguments and waits for it (at most 3 minutes, then it is killed).</summary>
    /// <param name="arguments">Arguments, e.g. <c>build main.bicep --outfile x.json</c>.</param>
    /// <returns>The exit code, standard output and standard error.</returns>
    public static async Task<BicepResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(s_bound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not end within {s_bound}.");
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Compiles a Bicep file to an ARM JSON template.</summary>
    /// <param name="bicepFile">The .bicep file.</param>
    /// <param name="outFile">Where the JSON goes.</param>
    /// <returns>The CLI's result.</returns>
    public static Task<BicepResult> BuildAsync(string bicepFile, string outFile) => RunAsync("build", bicepFile, "--outfile", outFile);
}

/// <summary>What one CLI run returned.</summary>
/// <param name="ExitCode">Process exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr (Bicep's diagnostics go here).</param>
internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError);
