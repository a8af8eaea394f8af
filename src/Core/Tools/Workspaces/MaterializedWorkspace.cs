namespace AgentFunctions.Core.Tools.Workspaces;

/// <summary>A working copy built by <see cref="WorkspaceManager.MaterializeAsync"/>: a git repository with a base commit and one commit per applied patch.</summary>
/// <param name="Path">The absolute path of the working copy.</param>
/// <param name="BaseCommit">The commit id (40 hex digits) of the copied repository as it was.</param>
/// <param name="PatchCommits">One commit id per patch applied, in order.</param>
/// <param name="Failure">The first patch that did not apply (later patches were not tried), or null when all applied.</param>
public sealed record MaterializedWorkspace(string Path, string BaseCommit, IReadOnlyList<string> PatchCommits, PatchFailure? Failure)
{
    /// <summary>Gets a value indicating whether every patch applied.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>Gets the last commit: the last patch's, or the base commit when no patch was applied.</summary>
    public string HeadCommit => PatchCommits.Count > 0 ? PatchCommits[^1] : BaseCommit;
}
