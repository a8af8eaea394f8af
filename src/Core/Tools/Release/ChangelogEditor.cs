namespace AgentFunctions.Core.Tools.Release;

/// <summary>
/// Adds entries to a <see href="https://keepachangelog.com/en/1.1.0/">Keep a Changelog</see> file: under
/// <c>## [Unreleased]</c>, in its <c>### Changed</c> subsection, newest first. Missing sections are created; the
/// rest of the file is left as it is.
/// </summary>
public static class ChangelogEditor
{
    private const string Unreleased = "## [Unreleased]";
    private const string Changed = "### Changed";

    /// <summary>Returns the changelog with one bullet added (unchanged when the Unreleased section already has it).</summary>
    /// <param name="changelog">The current text; empty for a new file.</param>
    /// <param name="entry">The entry text, without the leading <c>- </c>.</param>
    /// <returns>The new text, with <c>\n</c> line endings and a final newline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="changelog"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="entry"/> is empty or spans several lines.</exception>
    public static string AddEntry(string changelog, string entry)
    {
        ArgumentNullException.ThrowIfNull(changelog);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry);
        if (entry.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("A changelog entry is one line.", nameof(entry));
        }

        var bullet = $"- {entry.Trim()}";
        var lines = changelog.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').ToList();
        if (lines is [""])
        {
            lines = ["# Changelog", ""];
        }

        var unreleased = FindOrAddUnreleased(lines);
        var sectionEnd = lines.FindIndex(unreleased + 1, IsReleaseHeading);
        sectionEnd = sectionEnd < 0 ? lines.Count : sectionEnd;
        if (lines.Skip(unreleased).Take(sectionEnd - unreleased).Contains(bullet, StringComparer.Ordinal))
        {
            return string.Join('\n', lines) + "\n";
        }

        var changed = lines.FindIndex(unreleased + 1, sectionEnd - unreleased - 1,
            l => l.Trim().Equals(Changed, StringComparison.OrdinalIgnoreCase));
        var heading = changed < 0 ? unreleased : changed;
        RemoveBlankLinesAfter(lines, heading);
        List<string> block = changed < 0 ? ["", Changed, "", bullet] : ["", bullet];
        var next = heading + 1;
        if (next < lines.Count && !lines[next].StartsWith("- ", StringComparison.Ordinal) && !lines[next].StartsWith("* ", StringComparison.Ordinal))
        {
            block.Add(string.Empty);
        }

        lines.InsertRange(next, block);
        return string.Join('\n', lines) + "\n";
    }

    private static bool IsReleaseHeading(string line) => line.StartsWith("## ", StringComparison.Ordinal);

    /// <summary>Finds <c>## [Unreleased]</c> or inserts it before the first release heading (or at the end).</summary>
    private static int FindOrAddUnreleased(List<string> lines)
    {
        var index = lines.FindIndex(l => l.Trim().Equals(Unreleased, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            return index;
        }

        var firstRelease = lines.FindIndex(IsReleaseHeading);
        index = firstRelease < 0 ? lines.Count : firstRelease;
        List<string> block = [Unreleased];
        if (index < lines.Count)
        {
            block.Add(string.Empty);
        }

        if (index > 0 && lines[index - 1].Length > 0)
        {
            block.Insert(0, string.Empty);
        }

        lines.InsertRange(index, block);
        return index + block.IndexOf(Unreleased);
    }

    private static void RemoveBlankLinesAfter(List<string> lines, int index)
    {
        while (index + 1 < lines.Count && string.IsNullOrWhiteSpace(lines[index + 1]))
        {
            lines.RemoveAt(index + 1);
        }
    }
}
