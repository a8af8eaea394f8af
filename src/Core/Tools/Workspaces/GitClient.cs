using AgentFunctions.Core.Tools.Processes;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tools.Workspaces;

/// <summary>
/// Runs git with an isolated configuration so results do not depend on the host: no system or global config
/// (<c>GIT_CONFIG_NOSYSTEM</c>, <c>HOME</c> and <c>XDG_CONFIG_HOME</c> point at an empty folder under the work root),
/// a fixed author and committer, English messages, no prompts, no signing and no line-ending conversion.
/// </summary>
public sealed class GitClient
{
    private static readonly string[] s_configFlags =
    [
        "-c", "init.defaultBranch=main",
        "-c", "core.autocrlf=false",
        "-c", "core.safecrlf=false",
        "-c", "commit.gpgSign=false",
        "-c", "advice.detachedHead=false",
    ];

    private readonly ProcessRunner _runner;
    private readonly WorkspaceOptions _options;

    /// <summary>Creates the client.</summary>
    /// <param name="runner">Runs the git processes.</param>
    /// <param name="options">The identity of commits, the git timeout and the work root (which holds the empty home folder).</param>
    public GitClient(ProcessRunner runner, IOptions<WorkspaceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _options = options.Value;
    }

    /// <summary>Runs <c>git &lt;arguments&gt;</c> in a folder and returns how it ended, whatever the exit code.</summary>
    /// <param name="workingDirectory">The folder to run in (a working copy).</param>
    /// <param name="arguments">The git arguments, such as <c>["apply", "--check", "fix.diff"]</c>.</param>
    /// <param name="maxOutputChars">Characters of output kept per stream (default 64 KiB).</param>
    /// <param name="cancellationToken">Kills git and throws when cancelled.</param>
    /// <returns>The exit code and output of git.</returns>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public Task<ProcessResult> RunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        int maxOutputChars = ProcessRequest.DefaultMaxOutputChars,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        ArgumentNullException.ThrowIfNull(arguments);
        var home = Path.Combine(Path.GetFullPath(_options.WorkRoot), ".git-home");
        Directory.CreateDirectory(home);
        var request = new ProcessRequest("git", [.. s_configFlags, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            Timeout = TimeSpan.FromSeconds(_options.GitTimeoutSeconds),
            MaxOutputChars = maxOutputChars,
            Environment = new Dictionary<string, string?>
            {
                ["GIT_CONFIG_NOSYSTEM"] = "1",
                ["GIT_CONFIG_GLOBAL"] = Path.Combine(home, ".gitconfig"),
                ["HOME"] = home,
                ["XDG_CONFIG_HOME"] = home,
                ["GIT_AUTHOR_NAME"] = _options.GitUserName,
                ["GIT_AUTHOR_EMAIL"] = _options.GitUserEmail,
                ["GIT_COMMITTER_NAME"] = _options.GitUserName,
                ["GIT_COMMITTER_EMAIL"] = _options.GitUserEmail,
                ["GIT_TERMINAL_PROMPT"] = "0",
                ["LC_ALL"] = "C",
                ["GIT_DIR"] = null,
                ["GIT_WORK_TREE"] = null,
                ["GIT_INDEX_FILE"] = null,
            },
        };
        return _runner.RunAsync(request, cancellationToken);
    }

    /// <summary>Runs <c>git &lt;arguments&gt;</c> and returns its standard output; any failure is an exception.</summary>
    /// <param name="workingDirectory">The folder to run in.</param>
    /// <param name="arguments">The git arguments.</param>
    /// <param name="maxOutputChars">Characters of standard output allowed; more is an error rather than a silent cut.</param>
    /// <param name="cancellationToken">Kills git and throws when cancelled.</param>
    /// <returns>Git's standard output.</returns>
    /// <exception cref="GitCommandException">Git exited with a non-zero code, timed out, or printed more than <paramref name="maxOutputChars"/>.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public async Task<string> RunCheckedAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        int maxOutputChars = ProcessRequest.DefaultMaxOutputChars,
        CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(workingDirectory, arguments, maxOutputChars, cancellationToken);
        if (!result.Succeeded || result.OutputTruncated)
        {
            var reason = result.TimedOut ? "timed out" : result.OutputTruncated ? $"output exceeded {maxOutputChars} characters" : result.StandardError;
            throw new GitCommandException(string.Join(' ', arguments), result.ExitCode, reason);
        }

        return result.StandardOutput;
    }
}
