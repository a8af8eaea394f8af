using System.Diagnostics;
using AgentFunctions.Core.Tools.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class ProcessRunnerTests
{
    private readonly ProcessRunner _runner = new(NullLogger<ProcessRunner>.Instance);

    [Fact]
    public async Task RunAsync_CommandWritesBothStreams_ReturnsExitCodeAndOutput()
    {
        var result = await _runner.RunAsync(new ProcessRequest("/bin/sh", ["-c", "echo out-$GREETING; echo err >&2; exit 3"])
        {
            Environment = new Dictionary<string, string?> { ["GREETING"] = "hello" },
        });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out-hello\n", result.StandardOutput);
        Assert.Equal("err\n", result.StandardError);
        Assert.False(result.TimedOut);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task RunAsync_ArgumentsWithSpacesAndQuotes_PassedVerbatimWithoutShell()
    {
        var result = await _runner.RunAsync(new ProcessRequest("printf", ["%s|", "a b", "'c'", "$HOME"]));

        Assert.Equal("a b|'c'|$HOME|", result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_SleepOutlivesTimeout_KillsItWithinTwoSeconds()
    {
        var stopwatch = Stopwatch.StartNew();

        var result = await _runner.RunAsync(new ProcessRequest("sleep", ["30"]) { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2.3), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task RunAsync_ShellWithBackgroundChild_KillsWholeTree()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"af-pid-{Guid.NewGuid():N}");
        try
        {
            var result = await _runner.RunAsync(new ProcessRequest("/bin/sh", ["-c", $"sleep 30 & echo $! > '{pidFile}'; wait"])
            {
                Timeout = TimeSpan.FromMilliseconds(500),
            });

            Assert.True(result.TimedOut);
            var child = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(IsAlive(child), $"background child {child} survived the kill");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsProcessAndThrows()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _runner.RunAsync(new ProcessRequest("sleep", ["30"]), cancellation.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2.3), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task RunAsync_MissingExecutable_Returns127WithReason()
    {
        var result = await _runner.RunAsync(new ProcessRequest("no-such-program-agentfunctions", []));

        Assert.Equal(ProcessResult.CouldNotStartExitCode, result.ExitCode);
        Assert.Contains("no-such-program-agentfunctions", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OutputOverLimit_KeepsTheTail()
    {
        var result = await _runner.RunAsync(new ProcessRequest("/bin/sh", ["-c", "seq 1 20000"]) { MaxOutputChars = 100 });

        Assert.True(result.OutputTruncated);
        Assert.Equal(100, result.StandardOutput.Length);
        Assert.EndsWith("19999\n20000\n", result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>True when the process exists and is not a zombie (a killed child may linger unreaped in a container).</summary>
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
