using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Tools.Patches;

/// <summary>
/// Reads unified diffs (<c>git diff</c>, <c>diff -u</c>): files from <c>diff --git</c>/<c>---</c>/<c>+++</c> headers
/// and added lines numbered from <c>@@ -a,b +c,d @@</c> hunk headers. Hunk line counts decide where a hunk ends, so a
/// removed line that starts with <c>--</c> is not taken for a header; counts that run out early (a common flaw of
/// model-written diffs) are tolerated for body lines that cannot be headers.
/// </summary>
public static partial class UnifiedDiff
{
    /// <summary>Parses a diff.</summary>
    /// <param name="diff">The diff text; empty gives an empty result.</param>
    /// <returns>The files and the added lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="diff"/> is null.</exception>
    public static ParsedDiff Parse(string diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var files = new List<string>();
        var added = new List<DiffAddedLine>();
        string? oldFile = null;
        string? file = null;
        int newLine = 0, oldLeft = 0, newLeft = 0;
        foreach (var raw in diff.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var inHunk = oldLeft > 0 || newLeft > 0;
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                (oldLeft, newLeft, oldFile) = (0, 0, null);
                var match = GitHeader().Match(line);
                file = match.Success ? match.Groups["new"].Value : null;
                AddFile(files, file);
            }
            else if (HunkHeader().Match(line) is { Success: true } hunk)
            {
                newLine = int.Parse(hunk.Groups["newStart"].Value, CultureInfo.InvariantCulture);
                oldLeft = CountOrOne(hunk.Groups["oldCount"]);
                newLeft = CountOrOne(hunk.Groups["newCount"]);
            }
            else if (!inHunk && line.StartsWith("--- ", StringComparison.Ordinal))
            {
                oldFile = StripPath(line[4..]);
            }
            else if (!inHunk && line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                file = StripPath(line[4..]) ?? oldFile;
                AddFile(files, file);
            }
            else if (file is not null && line.StartsWith('+'))
            {
                added.Add(new DiffAddedLine(file, newLine++, line[1..]));
                newLeft--;
            }
            else if (line.StartsWith('-'))
            {
                oldLeft--;
            }
            else if (inHunk && (line.StartsWith(' ') || line.Length == 0))
            {
                newLine++;
                oldLeft--;
                newLeft--;
            }
        }

        return new ParsedDiff(files, added);
    }

    private static void AddFile(List<string> files, string? file)
    {
        if (file is not null && !files.Contains(file, StringComparer.Ordinal))
        {
            files.Add(file);
        }
    }

    private static int CountOrOne(Group group) =>
        group.Success ? int.Parse(group.Value, CultureInfo.InvariantCulture) : 1;

    /// <summary>Turns a <c>---</c>/<c>+++</c> path into a repository path: drops a tab-separated timestamp and the <c>a/</c>/<c>b/</c> prefix; null for <c>/dev/null</c>.</summary>
    private static string? StripPath(string path)
    {
        var tab = path.IndexOf('\t', StringComparison.Ordinal);
        path = (tab >= 0 ? path[..tab] : path).Trim().Trim('"');
        if (path == "/dev/null")
        {
            return null;
        }

        return path.StartsWith("a/", StringComparison.Ordinal) || path.StartsWith("b/", StringComparison.Ordinal) ? path[2..] : path;
    }

    [GeneratedRegex(@"^@@ -\d+(?:,(?<oldCount>\d+))? \+(?<newStart>\d+)(?:,(?<newCount>\d+))? @@", RegexOptions.CultureInvariant)]
    private static partial Regex HunkHeader();

    [GeneratedRegex(@"^diff --git (?:""?a/)?(?<old>.+?)""? (?:""?b/)(?<new>[^""]+)""?$", RegexOptions.CultureInvariant)]
    private static partial Regex GitHeader();
}
