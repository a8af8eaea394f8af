using AgentFunctions.Core.Tools.Patches;

namespace AgentFunctions.Core.Tools.Security;

/// <summary>Applies <see cref="SecurityRules.All"/> to the lines a unified diff adds (removed and context lines are ignored).</summary>
public static class SecurityScanner
{
    private const int MaxTextChars = 200;

    /// <summary>Scans a diff.</summary>
    /// <param name="diff">The unified diff text.</param>
    /// <returns>The findings, with file and new-file line number, and what was scanned.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="diff"/> is null.</exception>
    public static SecurityScanReport Scan(string diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var parsed = UnifiedDiff.Parse(diff);
        var findings = new List<SecurityFinding>();
        foreach (var line in parsed.AddedLines)
        {
            foreach (var rule in SecurityRules.All)
            {
                if (!rule.AppliesTo(line.File))
                {
                    continue;
                }

                var match = rule.Pattern.Match(line.Text);
                if (match.Success)
                {
                    var text = rule.IsSecret ? rule.Pattern.Replace(line.Text, m => Redact(m.Value)) : line.Text;
                    findings.Add(new SecurityFinding(rule.Id, rule.Severity, line.File, line.Line, Shorten(text.Trim())));
                }
            }
        }

        return new SecurityScanReport(findings, parsed.Files.Count, parsed.AddedLines.Count);
    }

    private static string Redact(string secret) => secret.Length <= 4 ? "****" : secret[..4] + "****";

    private static string Shorten(string text) => text.Length <= MaxTextChars ? text : text[..MaxTextChars] + "…";
}
