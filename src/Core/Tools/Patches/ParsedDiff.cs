namespace AgentFunctions.Core.Tools.Patches;

/// <summary>What <see cref="UnifiedDiff.Parse"/> reads from a diff.</summary>
/// <param name="Files">Every file the diff touches, in order (new path; old path for a deletion).</param>
/// <param name="AddedLines">Every added line with its file and new-file line number; removed and context lines are not included.</param>
public sealed record ParsedDiff(IReadOnlyList<string> Files, IReadOnlyList<DiffAddedLine> AddedLines);
