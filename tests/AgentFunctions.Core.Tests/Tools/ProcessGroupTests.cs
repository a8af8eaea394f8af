using System.Diagnostics;
using AgentFunctions.Core.Tools.Processes;

namespace AgentFunctions.Core.Tests.Tools;

/// <summary>A tool started the way <see cref="ProcessRunner"/> starts it dies with the host, even when the host is SIGKILLed.</summary>
public sealed class ProcessGroupTests
{
    [Fact]
    public async Task Command_HostKilled_KillsTheToolAndItsChildren()
    {
        Assert.True(ProcessGroup.IsSupported, "this test needs /bin/sh and setsid");
        var pidFile = ProcessProbe.NewPidFile();

        // The watchdog only watches the host's pid, so a stand-in host that the test can SIGKILL is enough.
        using var host = Process.Start(new ProcessStartInfo("sleep", ["600"]) { UseShellExecute = false })!;
        var (fileName, arguments) = ProcessGroup.Command(host.Id, "/bin/sh", ["-c", $"sleep 300 & echo $! > '{pidFile}'; wait"]);
        using var wrapper = Process.Start(new ProcessStartInfo(fileName, arguments) { UseShellExecute = false, RedirectStandardOutput = true })!;
        var grandchild = 0;
        try
        {
            grandchild = await ProcessProbe.ReadPidAsync(pidFile);
            Assert.True(ProcessProbe.IsAlive(grandchild));

            host.Kill();

            Assert.True(await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsAlive(grandchild)), $"grandchild {grandchild} outlived the host");
            Assert.True(await ProcessProbe.EventuallyAsync(() => wrapper.HasExited), "the wrapper outlived the host");
        }
        finally
        {
            host.Kill();
            ProcessProbe.KillQuietly(grandchild);
            ProcessProbe.KillQuietly(wrapper.Id);
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task Command_HostAlive_KeepsTheToolRunningAndReportsItsExitCode()
    {
        var (fileName, arguments) = ProcessGroup.Command(Environment.ProcessId, "/bin/sh", ["-c", "sleep 2; echo \"$0|$1\"; exit 7", "a b", "$HOME"]);
        using var wrapper = Process.Start(new ProcessStartInfo(fileName, arguments) { UseShellExecute = false, RedirectStandardOutput = true })!;

        var output = await wrapper.StandardOutput.ReadToEndAsync();
        await wrapper.WaitForExitAsync();

        Assert.Equal(("a b|$HOME\n", 7), (output, wrapper.ExitCode));
    }
}
