namespace AgentFunctions.Core.Tools.Processes;

/// <summary>How a process run by <see cref="ProcessRunner"/> ended.</summary>
/// <param name="ExitCode">
/// The exit code; 127 when the executable could not be started (the shell's "command not found"), and whatever the
/// killed process reports (usually 137 on Linux) when it timed out.
/// </param>
/// <param name="StandardOutput">The tail of standard output (at most <see cref="ProcessRequest.MaxOutputChars"/> characters).</param>
/// <param name="StandardError">The tail of standard error (at most <see cref="ProcessRequest.MaxOutputChars"/> characters).</param>
/// <param name="DurationMs">Wall-clock time from start to exit, in milliseconds.</param>
/// <param name="TimedOut">True when the process tree was killed because <see cref="ProcessRequest.Timeout"/> elapsed.</param>
/// <param name="OutputTruncated">True when earlier output of either stream was dropped to respect the limit.</param>
public sealed record ProcessResult(
    int ExitCode,
    string StandardOutput,
    string StandardError,
    long DurationMs,
    bool TimedOut,
    bool OutputTruncated)
{
    /// <summary>The exit code reported when the executable could not be started.</summary>
    public const int CouldNotStartExitCode = 127;

    /// <summary>Gets a value indicating whether the process exited with code 0 before its timeout.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>Gets standard output followed by standard error, keeping at most the last <paramref name="maxChars"/> characters.</summary>
    /// <param name="maxChars">The most characters to return (the end is kept).</param>
    /// <returns>The combined output tail.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxChars"/> is negative.</exception>
    public string CombinedOutput(int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxChars);
        var separator = StandardOutput.Length > 0 && StandardError.Length > 0 && !StandardOutput.EndsWith('\n') ? "\n" : string.Empty;
        var combined = StandardOutput + separator + StandardError;
        return combined.Length <= maxChars ? combined : combined[^maxChars..];
    }
}
