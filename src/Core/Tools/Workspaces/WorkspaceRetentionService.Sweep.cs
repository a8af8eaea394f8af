using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Tools.Workspaces;

/// <content>One sweep of the work root.</content>
public sealed partial class WorkspaceRetentionService
{
    /// <summary>Deletes the run folders whose newest write is older than the retention, now.</summary>
    /// <returns>
    /// The full paths of the folders removed; empty when the retention is off or the work root does not exist. A folder
    /// that cannot be read or deleted is logged and left for the next sweep.
    /// </returns>
    /// <exception cref="IOException">The work root itself cannot be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">The work root itself cannot be listed.</exception>
    public IReadOnlyList<string> Sweep()
    {
        var workRoot = Path.GetFullPath(_options.WorkRoot);
        var retention = _options.Retention;
        if (retention <= TimeSpan.Zero || !Directory.Exists(workRoot))
        {
            return [];
        }

        var cutoff = _time.GetUtcNow() - retention;
        var removed = new List<string>();
        var kept = 0;
        foreach (var folder in new DirectoryInfo(workRoot).EnumerateDirectories())
        {
            try
            {
                if (!IsRunFolder(folder, workRoot))
                {
                    _logger.WorkspaceNotARunFolder(folder.FullName);
                    continue;
                }

                var newest = NewestWrite(folder);
                if (newest >= cutoff)
                {
                    kept++;
                    continue;
                }

                // Directory.Delete removes symbolic links inside the folder without following them.
                folder.Delete(recursive: true);
                _logger.WorkspaceRemoved(folder.FullName, newest, retention);
                removed.Add(folder.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Unreadable, or changed under the sweep (a tool rebuilding its copy): try again next time.
                _logger.WorkspaceRemoveFailed(folder.FullName, ex.Message);
            }
        }

        _logger.WorkspaceSwept(workRoot, removed.Count, retention, kept);
        return removed;
    }

    /// <summary>A run folder is a plain folder directly in the work root holding only <c>&lt;node&gt;-a&lt;attempt&gt;</c> folders.</summary>
    private static bool IsRunFolder(DirectoryInfo folder, string workRoot) =>
        !folder.Name.StartsWith('.')
        && folder.LinkTarget is null
        && string.Equals(Path.GetDirectoryName(folder.FullName), Path.TrimEndingDirectorySeparator(workRoot), StringComparison.Ordinal)
        && DirectoryCopier.IsInside(folder.FullName, workRoot)
        && folder.EnumerateFileSystemInfos().All(e => e is DirectoryInfo { LinkTarget: null } && AttemptFolder().IsMatch(e.Name));

    /// <summary>The latest write time of the folder and of everything in it, without following symbolic links.</summary>
    private static DateTimeOffset NewestWrite(DirectoryInfo folder)
    {
        var newest = folder.LastWriteTimeUtc;
        var pending = new Stack<DirectoryInfo>([folder]);
        while (pending.TryPop(out var current))
        {
            foreach (var entry in current.EnumerateFileSystemInfos())
            {
                newest = entry.LastWriteTimeUtc > newest ? entry.LastWriteTimeUtc : newest;
                if (entry is DirectoryInfo directory && directory.LinkTarget is null)
                {
                    pending.Push(directory);
                }
            }
        }

        return new DateTimeOffset(newest, TimeSpan.Zero);
    }

    [GeneratedRegex("-a[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AttemptFolder();
}
