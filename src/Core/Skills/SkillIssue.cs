namespace AgentFunctions.Core.Skills;

/// <summary>A problem found while loading a skill.</summary>
/// <param name="Path">The file the problem is in.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Line">1-based line in the file, when known.</param>
/// <param name="IsError">True for an error (the skill is not loaded); false for a warning (it is).</param>
public sealed record SkillIssue(string Path, string Message, int? Line, bool IsError);
