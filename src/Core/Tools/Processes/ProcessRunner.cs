using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tools.Processes;

/// <summary>
/// Runs an executable with an argument list (no shell parses it), a working directory and the host's environment
/// scrubbed of secret-looking variables (<see cref="SandboxEnvironment"/>) plus the request's own, in a process group of its own, and kills the whole group when the timeout elapses, when the caller cancels, when
/// the executable exits (processes it left running in the background), and when the host process dies, even by
/// SIGKILL. Output is kept as a bounded tail.
/// </summary>
/// <remarks>
/// On Linux and other Unix systems with <c>/bin/sh</c> and <c>setsid</c>, each run is
/// <c>setsid /bin/sh -c WRAPPER sh HOSTPID FILE ARGS…</c> (see <see cref="ProcessGroup"/>): the wrapper makes a new
/// process group, starts a watcher in it and replaces itself with the executable, which gets the arguments positionally
/// and keeps its pid, parent, standard streams and exit status; the watcher polls the host's pid every second and kills
/// the group with SIGKILL within about two seconds of the host's death. The runner itself kills the group with <c>kill(-pgid, SIGKILL)</c>,
/// then the process tree as the .NET runtime sees it (for anything that left the group). Elsewhere the executable is
/// started directly and only the tree kill applies; a SIGKILLed host then leaves its tools running.
/// </remarks>
public sealed partial class ProcessRunner
{
    private static readonly TimeSpan s_drainGrace = TimeSpan.FromSeconds(2);

    private readonly ILogger<ProcessRunner> _logger;
    private readonly SandboxOptions _sandbox;

    /// <summary>Creates the runner.</summary>
    /// <param name="logger">Logs starts, exits and kills at Debug/Warning, and the names (never the values) of scrubbed variables at Debug.</param>
    /// <param name="sandbox">Which inherited environment variables the child keeps (see <see cref="SandboxEnvironment"/>); null for the defaults.</param>
    public ProcessRunner(ILogger<ProcessRunner> logger, IOptions<SandboxOptions>? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _sandbox = sandbox?.Value ?? new SandboxOptions();
    }

    /// <summary>Runs the process to its end, its timeout or cancellation.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="cancellationToken">Kills the process tree and throws when cancelled.</param>
    /// <returns>
    /// The exit code, output tails, duration (ms) and whether the timeout killed it. An executable that cannot be started
    /// yields exit code <see cref="ProcessResult.CouldNotStartExitCode"/> with the reason in standard error.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The file name is empty, the timeout is not positive or the output limit is negative.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the process tree was killed.</exception>
    public async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.FileName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(request.MaxOutputChars);
        cancellationToken.ThrowIfCancellationRequested();

        var stopwatch = Stopwatch.StartNew();
        var grouped = ProcessGroup.IsSupported;
        var executable = grouped ? ExecutableLocator.Find(request.FileName) : request.FileName;
        if (executable is null)
        {
            return CouldNotStart(request, "no such executable file (the name is looked up on PATH unless it holds a '/').", stopwatch);
        }

        using var process = new Process { StartInfo = CreateStartInfo(request, executable, grouped) };
        var stdout = new OutputTail(request.MaxOutputChars);
        var stderr = new OutputTail(request.MaxOutputChars);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return CouldNotStart(request, ex.Message, stopwatch);
        }

        _logger.ProcessStarted(request.FileName, process.Id, request.WorkingDirectory ?? Environment.CurrentDirectory);
        var pumps = Task.WhenAll(stdout.PumpAsync(process.StandardOutput), stderr.PumpAsync(process.StandardError));
        await WriteStandardInputAsync(process, request.StandardInput);

        var timedOut = false;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(request.Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                KillAll(process, grouped);
                await WaitQuietlyAsync(process.WaitForExitAsync(CancellationToken.None));
                if (cancellationToken.IsCancellationRequested)
                {
                    _logger.ProcessCancelled(request.FileName, process.Id);
                    throw new OperationCanceledException($"'{request.FileName}' was cancelled and its process tree killed.", cancellationToken);
                }

                timedOut = true;
                _logger.ProcessTimedOut(request.FileName, process.Id, (long)request.Timeout.TotalMilliseconds);
            }
        }

        if (grouped)
        {
            // The executable has exited; end what it left running in its group, which no watcher guards any more.
            ProcessGroup.KillRemaining(process.Id);
        }

        await WaitQuietlyAsync(pumps);
        stopwatch.Stop();
        var exitCode = process.HasExited ? process.ExitCode : -1;
        _logger.ProcessExited(request.FileName, process.Id, exitCode, stopwatch.ElapsedMilliseconds);
        return new ProcessResult(exitCode, stdout.ToString(), stderr.ToString(), stopwatch.ElapsedMilliseconds, timedOut,
            stdout.Truncated || stderr.Truncated);
    }

    private static async Task WriteStandardInputAsync(Process process, string? input)
    {
        try
        {
            if (!string.IsNullOrEmpty(input))
            {
                await process.StandardInput.WriteAsync(input);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited without reading its input; its exit code tells the rest.
        }
    }

    private static void KillAll(Process process, bool grouped)
    {
        if (grouped)
        {
            ProcessGroup.Kill(process.Id);
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
        catch (Win32Exception)
        {
            // A process of the tree could not be signalled (already gone); the rest were.
        }
    }

    private ProcessResult CouldNotStart(ProcessRequest request, string reason, Stopwatch stopwatch)
    {
        _logger.ProcessCouldNotStart(request.FileName, reason);
        return new ProcessResult(ProcessResult.CouldNotStartExitCode, string.Empty,
            $"Could not start '{request.FileName}': {reason}", stopwatch.ElapsedMilliseconds, TimedOut: false, OutputTruncated: false);
    }

    private static async Task WaitQuietlyAsync(Task task)
    {
        try
        {
            await task.WaitAsync(s_drainGrace);
        }
        catch (TimeoutException)
        {
            // A process outside the tree (daemonized) still holds a pipe; return what was read so far.
        }
    }
}
