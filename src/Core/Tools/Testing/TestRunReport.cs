namespace AgentFunctions.Core.Tools.Testing;

/// <summary>The outcome of running a test suite in a working copy.</summary>
/// <param name="Command">The command that ran, program first.</param>
/// <param name="ExitCode">The exit code (127 when the program could not be started).</param>
/// <param name="TimedOut">True when the run was killed at its timeout.</param>
/// <param name="Counts">Counts read from the output.</param>
/// <param name="DurationMs">Wall-clock time of the run, in milliseconds.</param>
/// <param name="Output">The tail of standard output followed by standard error (at most <see cref="TestRunOptions.OutputTailChars"/> characters).</param>
public sealed record TestRunReport(IReadOnlyList<string> Command, int ExitCode, bool TimedOut, TestCounts Counts, long DurationMs, string Output)
{
    /// <summary>Gets a value indicating whether the suite passed: exit code 0 within the timeout.</summary>
    public bool Passed => ExitCode == 0 && !TimedOut;

    /// <summary>Gets the command as one line, arguments separated by spaces.</summary>
    public string CommandLine => string.Join(' ', Command);
}
