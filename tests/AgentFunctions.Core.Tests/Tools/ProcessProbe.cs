using System.Globalization;

namespace AgentFunctions.Core.Tests.Tools;

/// <summary>Watches processes from the outside: pid files, liveness, and bounded polling (generous bounds, no timing asserts).</summary>
internal static class ProcessProbe
{
    /// <summary>How long a poll waits before giving up: far longer than anything should take, even on a busy machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A fresh path for a pid file in the temp folder.</summary>
    public static string NewPidFile() => Path.Combine(Path.GetTempPath(), $"af-pid-{Guid.NewGuid():N}");

    /// <summary>Polls until <paramref name="condition"/> holds or <see cref="Patience"/> passes.</summary>
    /// <returns>Whether the condition held.</returns>
    public static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>Waits for a process to write its pid to <paramref name="pidFile"/> and returns it.</summary>
    public static async Task<int> ReadPidAsync(string pidFile)
    {
        int pid = 0;
        Assert.True(
            await EventuallyAsync(() => File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pid)),
            $"no pid was written to {pidFile}");
        return pid;
    }

    /// <summary>True when the process exists and is not a zombie (a killed child may linger unreaped in a container).</summary>
    public static bool IsAlive(int pid)
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

    /// <summary>Kills a process left behind by a failed test, so that it does not outlive the test run.</summary>
    public static void KillQuietly(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
