using System.Diagnostics;
using AgentFunctions.Cli.Local;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests.Cli;

/// <summary>Runs the built <c>agentfn.dll</c> as a user does (<c>dotnet agentfn.dll …</c>), with stdout and stderr redirected
/// (so it prints plain lines, never a live display), and kills exactly that process if it outlives a generous bound.</summary>
internal static class AgentFnProcess
{
    public static string Assembly { get; } = Path.Combine(AppHarness.RepositoryRoot, "src", "Cli", "bin", RepositoryLayout.CurrentConfiguration(), "net10.0", "agentfn.dll");

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        Assert.True(File.Exists(Assembly), $"agentfn is not built: {Assembly}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("AGENTFN_URL");
        start.Environment.Remove("AGENTFN_API_KEY");
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // the one process this helper started
            Assert.Fail($"agentfn {string.Join(' ', args)} did not exit within 5 minutes. Output so far:\n{await stdout}\n{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static Task<Result> RunAsync(AppHarness app, params string[] args) =>
        RunAsync(AppHarness.RepositoryRoot, [.. args, "--url", app.App.BaseAddress.ToString(), "--key", app.App.AdminKey!]);
}
