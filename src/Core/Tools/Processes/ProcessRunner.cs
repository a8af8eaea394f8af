using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Tools.Processes;

/// <summary>
/// Runs an executable with an argument list (no shell), a working directory and extra environment variables, and
/// kills its whole process tree when the timeout elapses or the caller cancels. Output is kept as a bounded tail.
/// </summary>
public sealed class ProcessRunner
{
    private static readonly TimeSpan s_drainGrace = TimeSpan.FromSeconds(2);

    private readonly ILogger<ProcessRunner> _logger;

    /// <summary>Creates the runner.</summary>
    /// <param name="logger">Logs starts, exits and kills at Debug/Warning.</param>
    public ProcessRunner(ILogger<ProcessRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
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

        using var process = new Process { StartInfo = CreateStartInfo(request) };
        var stdout = new OutputTail(request.MaxOutputChars);
        var stderr = new OutputTail(request.MaxOutputChars);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            _logger.ProcessCouldNotStart(request.FileName, ex.Message);
            return new ProcessResult(ProcessResult.CouldNotStartExitCode, string.Empty,
                $"Could not start '{request.FileName}': {ex.Message}", stopwatch.ElapsedMilliseconds, TimedOut: false, OutputTruncated: false);
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
                KillTree(process);
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

        await WaitQuietlyAsync(pumps);
        stopwatch.Stop();
        var exitCode = process.HasExited ? process.ExitCode : -1;
        _logger.ProcessExited(request.FileName, process.Id, exitCode, stopwatch.ElapsedMilliseconds);
        return new ProcessResult(exitCode, stdout.ToString(), stderr.ToString(), stopwatch.ElapsedMilliseconds, timedOut,
            stdout.Truncated || stderr.Truncated);
    }

    private static ProcessStartInfo CreateStartInfo(ProcessRequest request)
    {
        var startInfo = new ProcessStartInfo(request.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = request.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in request.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in request.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
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

    private static void KillTree(Process process)
    {
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
