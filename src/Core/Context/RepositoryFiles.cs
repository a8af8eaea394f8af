using System.Text;
using Microsoft.Extensions.FileSystemGlobbing;

namespace AgentFunctions.Core.Context;

/// <summary>Reads the files of a repository folder that match glob patterns, for a skill node's context.</summary>
public static class RepositoryFiles
{
    /// <summary>Largest file read into a prompt, in bytes (64 KiB); larger files are listed as skipped.</summary>
    public const int MaxFileBytes = 64 * 1024;

    private static readonly string[] s_ignoredFolders = [".git/**", "**/__pycache__/**", "**/node_modules/**", "**/.venv/**"];

    /// <summary>Reads the matching files, grouped by the first pattern that matches them (pattern order = priority order).</summary>
    /// <param name="repositoryPath">Full path of the repository folder.</param>
    /// <param name="include">Glob patterns (Microsoft.Extensions.FileSystemGlobbing syntax: <c>**</c>, <c>*</c>), highest priority first.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Each file's path relative to the repository (with <c>/</c>), its text and the index of the pattern that matched it.</returns>
    /// <exception cref="DirectoryNotFoundException">The repository folder does not exist.</exception>
    public static async Task<IReadOnlyList<(string Path, string Content, int PatternIndex)>> ReadAsync(
        string repositoryPath, IReadOnlyList<string> include, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(include);
        if (!Directory.Exists(repositoryPath))
        {
            throw new DirectoryNotFoundException($"Repository folder '{repositoryPath}' does not exist.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<(string, string, int)>();
        for (var i = 0; i < include.Count; i++)
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(include[i]);
            matcher.AddExcludePatterns(s_ignoredFolders);
            var matches = matcher.GetResultsInFullPath(repositoryPath)
                .Select(full => Path.GetRelativePath(repositoryPath, full).Replace('\\', '/'))
                .Order(StringComparer.Ordinal);
            foreach (var relative in matches)
            {
                if (!seen.Add(relative))
                {
                    continue;
                }

                var full = Path.Combine(repositoryPath, relative);
                var bytes = await File.ReadAllBytesAsync(full, cancellationToken);
                var content = bytes.Length > MaxFileBytes
                    ? $"(file skipped: {bytes.Length} bytes is over the {MaxFileBytes}-byte limit)"
                    : bytes.AsSpan().Contains((byte)0) ? "(binary file skipped)" : Encoding.UTF8.GetString(bytes);
                files.Add((relative, content, i));
            }
        }

        return files;
    }
}
