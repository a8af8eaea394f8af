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
    public async Task RunAsync_SleepOutlivesTimeout_KillsItAndReportsTimedOut()
    {
        var timeout = TimeSpan.FromMilliseconds(300);

        var result = await _runner.RunAsync(new ProcessRequest("sleep", ["300"]) { Timeout = timeout });

        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        Assert.Equal(137, result.ExitCode); // 128 + SIGKILL: it was killed, not left to finish
        Assert.True(result.DurationMs >= timeout.TotalMilliseconds, $"returned after {result.DurationMs} ms, before the timeout");
    }

    [Fact]
    public async Task RunAsync_CancelledWithBackgroundChild_KillsWholeTreeAndThrows()
    {
        var pidFile = ProcessProbe.NewPidFile();
        using var cancellation = new CancellationTokenSource();
        try
        {
            var run = _runner.RunAsync(new ProcessRequest("/bin/sh", ["-c", $"sleep 300 & echo $! > '{pidFile}'; wait"]), cancellation.Token);
            var child = await ProcessProbe.ReadPidAsync(pidFile);
            await cancellation.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

            Assert.True(await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsAlive(child)), $"background child {child} survived the kill");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task RunAsync_CommandLeavesBackgroundChild_KillsItWhenTheCommandExits()
    {
        var pidFile = ProcessProbe.NewPidFile();
        try
        {
            var result = await _runner.RunAsync(new ProcessRequest("/bin/sh", ["-c", $"sleep 300 >/dev/null 2>&1 & echo $! > '{pidFile}'; echo done"]));

            Assert.Equal((0, "done\n"), (result.ExitCode, result.StandardOutput));
            var child = await ProcessProbe.ReadPidAsync(pidFile);
            Assert.True(await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsAlive(child)), $"background child {child} outlived the command");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task RunAsync_StandardInput_ReachesTheCommand()
    {
        var result = await _runner.RunAsync(new ProcessRequest("cat", []) { StandardInput = "line 1\nline 2\n" });

        Assert.Equal((0, "line 1\nline 2\n"), (result.ExitCode, result.StandardOutput));
    }

    [Fact]
    public async Task RunAsync_Command_HasTheHostAsItsParent()
    {
        var result = await _runner.RunAsync(new ProcessRequest("/bin/sh", ["-c", "echo $PPID"]));

        Assert.Equal($"{Environment.ProcessId}\n", result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_NameOfAShellBuiltin_RunsTheExecutable()
    {
        // dash's builtin echo would print "-e a\tb"; the executable /bin/echo (coreutils) understands -e.
        var result = await _runner.RunAsync(new ProcessRequest("echo", ["-e", "a\\tb"]));

        Assert.Equal("a\tb\n", result.StandardOutput);
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
}
