namespace AgentFunctions.Core.Tools.Workspaces;

/// <summary>A unified diff to apply to a working copy with <c>git apply</c>.</summary>
/// <param name="Name">A name used in commit messages and errors, such as the proposing node's id.</param>
/// <param name="Diff">The unified diff text (as produced by <c>git diff</c> or <c>diff -u</c> with <c>a/</c> and <c>b/</c> prefixes).</param>
public sealed record WorkspacePatch(string Name, string Diff);
