namespace AgentFunctions.Core.Tools.Workspaces;

/// <summary>Thrown when a git command that must succeed (init, add, commit, diff) fails: an infrastructure failure, not an outcome.</summary>
public sealed class GitCommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="arguments">The git arguments, such as <c>commit -m base</c>.</param>
    /// <param name="exitCode">Git's exit code.</param>
    /// <param name="standardError">Git's standard error.</param>
    public GitCommandException(string arguments, int exitCode, string standardError)
        : base($"'git {arguments}' failed with exit code {exitCode}: {standardError.Trim()}")
    {
        GitArguments = arguments;
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>Gets the git arguments joined by spaces.</summary>
    public string GitArguments { get; }

    /// <summary>Gets git's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Gets git's standard error.</summary>
    public string StandardError { get; }
}
