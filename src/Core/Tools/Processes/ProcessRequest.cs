namespace AgentFunctions.Core.Tools.Processes;

/// <summary>What <see cref="ProcessRunner"/> should run: an executable and its arguments, passed as a list (never through a shell).</summary>
/// <param name="FileName">The executable, such as <c>git</c> or <c>python3</c>, looked up on <c>PATH</c> when not a path.</param>
/// <param name="Arguments">The arguments, one element each; no quoting or shell expansion is applied.</param>
public sealed record ProcessRequest(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The default of <see cref="MaxOutputChars"/>: 64 KiB of characters per stream.</summary>
    public const int DefaultMaxOutputChars = 64 * 1024;

    /// <summary>Gets the working directory; null for the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Gets environment variables to set for the process on top of the inherited environment, which
    /// <see cref="SandboxEnvironment"/> has scrubbed of secret-looking variables first; a null value removes the variable.
    /// These apply after scrubbing, so a caller can still hand a tool a variable on purpose.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Gets how long the process may run before its whole process tree is killed (default 5 minutes).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets how many characters are kept from the end of standard output and of standard error, each (default 65,536,
    /// about 64 KiB of ASCII); earlier output is dropped and <see cref="ProcessResult.OutputTruncated"/> is set.
    /// </summary>
    public int MaxOutputChars { get; init; } = DefaultMaxOutputChars;

    /// <summary>Gets text written to the process's standard input, which is then closed; null leaves standard input empty.</summary>
    public string? StandardInput { get; init; }
}
