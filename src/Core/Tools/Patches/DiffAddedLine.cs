namespace AgentFunctions.Core.Tools.Patches;

/// <summary>A line a unified diff adds.</summary>
/// <param name="File">The file's path after the change, relative to the repository, without the <c>b/</c> prefix.</param>
/// <param name="Line">The 1-based line number in the new file (from the hunk header).</param>
/// <param name="Text">The line's text without the leading <c>+</c>.</param>
public sealed record DiffAddedLine(string File, int Line, string Text);
