using System.Globalization;

namespace AgentFunctions.Core.Tools.Workspaces;

/// <content>Git operations on a working copy: apply a patch, commit, diff.</content>
public sealed partial class WorkspaceManager
{
    private const int MaxDiffChars = 16 * 1024 * 1024;

    /// <summary>Stages every change in a working copy and commits it (an empty commit when nothing changed).</summary>
    /// <param name="workspacePath">The working copy.</param>
    /// <param name="message">The commit message.</param>
    /// <param name="cancellationToken">Stops git and throws when cancelled.</param>
    /// <returns>The new commit id (40 hex digits).</returns>
    /// <exception cref="GitCommandException">git add or commit failed.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public async Task<string> CommitAllAsync(string workspacePath, string message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspacePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        await _git.RunCheckedAsync(workspacePath, ["add", "-A"], cancellationToken: cancellationToken);
        await _git.RunCheckedAsync(workspacePath, ["commit", "-q", "--allow-empty", "--no-verify", "-m", message], cancellationToken: cancellationToken);
        return (await _git.RunCheckedAsync(workspacePath, ["rev-parse", "HEAD"], cancellationToken: cancellationToken)).Trim();
    }

    /// <summary>Gets the unified diff between two commits of a working copy (what <c>git apply</c> accepts).</summary>
    /// <param name="workspacePath">The working copy.</param>
    /// <param name="fromCommit">The older commit, such as <see cref="MaterializedWorkspace.BaseCommit"/>.</param>
    /// <param name="toCommit">The newer commit (default <c>HEAD</c>).</param>
    /// <param name="cancellationToken">Stops git and throws when cancelled.</param>
    /// <returns>The diff text; empty when nothing differs.</returns>
    /// <exception cref="GitCommandException">git diff failed or the diff exceeds 16 Mi characters.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public Task<string> DiffAsync(string workspacePath, string fromCommit, string toCommit = "HEAD", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspacePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(fromCommit);
        ArgumentException.ThrowIfNullOrWhiteSpace(toCommit);
        return _git.RunCheckedAsync(workspacePath, ["diff", "--no-color", "--no-ext-diff", "--binary", fromCommit, toCommit], MaxDiffChars, cancellationToken);
    }

    /// <summary>Lists the files that differ between two commits of a working copy.</summary>
    /// <param name="workspacePath">The working copy.</param>
    /// <param name="fromCommit">The older commit.</param>
    /// <param name="toCommit">The newer commit (default <c>HEAD</c>).</param>
    /// <param name="cancellationToken">Stops git and throws when cancelled.</param>
    /// <returns>Repository-relative paths with <c>/</c> separators, in git's order.</returns>
    /// <exception cref="GitCommandException">git diff failed.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public async Task<IReadOnlyList<string>> ChangedFilesAsync(
        string workspacePath, string fromCommit, string toCommit = "HEAD", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspacePath);
        var output = await _git.RunCheckedAsync(workspacePath, ["diff", "--name-only", "-z", fromCommit, toCommit], MaxDiffChars, cancellationToken);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    private async Task<PatchFailure?> ApplyAsync(string workspace, int index, WorkspacePatch patch, CancellationToken cancellationToken)
    {
        // Patches live inside .git so they are never committed and vanish with the working copy.
        var folder = Path.Combine(workspace, ".git", "agentfunctions-patches");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{index + 1:D2}.diff"));
        var diff = patch.Diff.Replace("\r\n", "\n", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, diff.EndsWith('\n') ? diff : diff + "\n", cancellationToken);

        // --recount tolerates wrong line counts in hunk headers, a common flaw of model-written diffs.
        string[] options = ["--recount", "--whitespace=nowarn", file];
        var check = await _git.RunAsync(workspace, ["apply", "--check", .. options], cancellationToken: cancellationToken);
        if (check.Succeeded)
        {
            var apply = await _git.RunAsync(workspace, ["apply", .. options], cancellationToken: cancellationToken);
            if (apply.Succeeded)
            {
                return null;
            }

            check = apply;
        }

        var error = check.TimedOut ? "git apply timed out" : check.StandardError.Trim();
        return new PatchFailure(patch.Name, error.Length > 0 ? error : $"git apply exited with code {check.ExitCode}");
    }
}
