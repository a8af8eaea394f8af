using System.Globalization;
using System.Runtime.InteropServices;

namespace AgentFunctions.Core.Tools.Processes;

/// <summary>
/// Starts a tool in a process group of its own, watched by a watchdog, so that none of its processes outlives it or the
/// host. <c>setsid</c> makes a small <c>/bin/sh</c> wrapper the leader of a new session and process group (it does not
/// fork, so the group id is the pid the host started); the wrapper, given the arguments positionally
/// (<c>sh -c SCRIPT sh HOSTPID FILE ARGS…</c>, so the shell parses none of them), starts a watcher in the background and
/// then replaces itself with the executable (<c>exec</c>, which never runs a shell builtin). The executable thus keeps
/// the pid, the parent (the host), the standard streams and the exit status it would have had if started directly, and
/// leads the group its children inherit. The watcher, whose own streams are <c>/dev/null</c>, checks every second with
/// <c>kill -0</c> that the host still exists and, once it does not, sends SIGKILL to the whole group (itself included);
/// it ends quietly when the executable has exited while the host lives, which then kills what is left of the group
/// (<see cref="KillRemaining"/>). Linux's <c>PR_SET_PDEATHSIG</c> is not used: it fires when the thread that forked
/// exits, and .NET may fork from a thread-pool thread that exits long before the host.
/// </summary>
internal static class ProcessGroup
{
    /// <summary>The wrapper: <c>$1</c> is the host pid, the rest is the executable and its arguments; <c>$$</c> is the group leader.</summary>
    public const string Script = """
        host=$1; shift
        ( while kill -0 "$host" && kill -0 "$$"; do sleep 1; done; kill -0 "$host" || kill -KILL 0 ) </dev/null >/dev/null 2>&1 &
        exec "$@"
        """;

    private const string Shell = "/bin/sh";
    private const int SigKill = 9;

    private static readonly string? s_setsid = OperatingSystem.IsWindows() || !File.Exists(Shell) ? null : ExecutableLocator.Find("setsid");

    /// <summary>Gets a value indicating whether tools can run in their own process group here (Unix with <c>/bin/sh</c> and <c>setsid</c>).</summary>
    public static bool IsSupported => s_setsid is not null;

    /// <summary>Builds the command line that runs <paramref name="executable"/> in a new process group watched for the death of <paramref name="hostProcessId"/>.</summary>
    /// <param name="hostProcessId">The process whose end kills the group (normally <see cref="Environment.ProcessId"/>).</param>
    /// <param name="executable">The executable, best as a full path.</param>
    /// <param name="arguments">Its arguments, passed as they are.</param>
    /// <returns>The file to start and its arguments.</returns>
    /// <exception cref="PlatformNotSupportedException"><see cref="IsSupported"/> is false.</exception>
    public static (string FileName, IReadOnlyList<string> Arguments) Command(int hostProcessId, string executable, IReadOnlyList<string> arguments)
    {
        var setsid = s_setsid ?? throw new PlatformNotSupportedException("Process groups need /bin/sh and setsid.");
        return (setsid, [Shell, "-c", Script, "sh", hostProcessId.ToString(CultureInfo.InvariantCulture), executable, .. arguments]);
    }

    /// <summary>Sends SIGKILL to the process group led by <paramref name="leader"/>, if that process leads one.</summary>
    /// <param name="leader">The pid the host started (the wrapper, then the executable), which is the group id.</param>
    /// <returns>True when the signal was sent; false when the process leads no group (it has not reached <c>setsid</c> yet, or the group is gone).</returns>
    public static bool Kill(int leader)
    {
        try
        {
            return GetProcessGroup(leader) == leader && Signal(-leader, SigKill) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends SIGKILL to what is left of the group of an executable that has exited: the watcher, and processes the
    /// executable started in the background. Linux does not reuse a pid while a group of that id has members, so this
    /// reaches only the tool's processes; when none is left the call fails harmlessly (another process could only be hit
    /// if, in the moment since the executable was reaped, its pid had been reused by a new process that also made itself
    /// a group leader).
    /// </summary>
    /// <param name="leader">The pid the executable had, which is the group id.</param>
    public static void KillRemaining(int leader)
    {
        try
        {
            _ = Signal(-leader, SigKill);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to call: leftovers keep running, as without process groups.
        }
    }

    // DllImport rather than LibraryImport, which needs AllowUnsafeBlocks for the project; both signatures are blittable.
    [DllImport("libc", EntryPoint = "getpgid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetProcessGroup(int pid);

    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Signal(int pid, int signal);
}
