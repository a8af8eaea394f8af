namespace AgentFunctions.Core.Tools.Security;

/// <summary>A rule that matched an added line.</summary>
/// <param name="Rule">The rule id.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="File">The file, relative to the repository.</param>
/// <param name="Line">The 1-based line number in the new file.</param>
/// <param name="Text">The trimmed line, at most 200 characters, with secrets redacted.</param>
public sealed record SecurityFinding(string Rule, SecuritySeverity Severity, string File, int Line, string Text);
