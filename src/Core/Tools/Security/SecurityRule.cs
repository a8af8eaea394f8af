using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Tools.Security;

/// <summary>One row of <see cref="SecurityRules.All"/>: a pattern looked for in each added line.</summary>
/// <param name="Id">A stable rule id, such as <c>secret.aws-access-key-id</c>.</param>
/// <param name="Severity">How serious a match is.</param>
/// <param name="Pattern">The pattern matched against one line at a time.</param>
/// <param name="Description">What the rule finds and why it matters.</param>
/// <param name="IsSecret">True when the match is a secret: it is redacted in findings so scans never spread it.</param>
/// <param name="Extensions">File extensions (with the dot) the rule applies to; empty for every file.</param>
public sealed record SecurityRule(
    string Id,
    SecuritySeverity Severity,
    Regex Pattern,
    string Description,
    bool IsSecret,
    IReadOnlyList<string> Extensions)
{
    /// <summary>Gets a value indicating whether the rule applies to a file.</summary>
    /// <param name="file">The repository-relative path.</param>
    /// <returns>True when <see cref="Extensions"/> is empty or holds the file's extension (case-insensitive).</returns>
    public bool AppliesTo(string file) =>
        Extensions.Count == 0 || Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);
}
