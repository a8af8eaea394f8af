namespace AgentFunctions.Core.Tools.Workspaces;

/// <summary>Why a patch could not be applied to a working copy.</summary>
/// <param name="PatchName">The patch's <see cref="WorkspacePatch.Name"/>.</param>
/// <param name="Error">What went wrong, with git's standard error (such as <c>error: patch failed: answer/core.py:6</c>).</param>
public sealed record PatchFailure(string PatchName, string Error)
{
    /// <summary>Gets a one-line description naming the patch.</summary>
    /// <returns>Such as <c>patch 'py_fixer' does not apply: error: patch failed: answer/core.py:6</c>.</returns>
    public override string ToString() => $"patch '{PatchName}' does not apply: {Error}";
}
