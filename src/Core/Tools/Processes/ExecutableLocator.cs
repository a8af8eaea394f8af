namespace AgentFunctions.Core.Tools.Processes;

/// <summary>Finds an executable the way a shell does: a name with a slash as a path, any other name on <c>PATH</c>.</summary>
internal static class ExecutableLocator
{
    /// <summary>Finds <paramref name="fileName"/>.</summary>
    /// <param name="fileName">A path (absolute, or relative to the current directory, when it holds a <c>/</c>) or a bare name.</param>
    /// <param name="path">The <c>PATH</c> to search (directories separated by <c>:</c>), or null for this process's.</param>
    /// <returns>The full path of an existing executable file, or null when there is none.</returns>
    public static string? Find(string fileName, string? path = null)
    {
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(fileName);
            return IsExecutable(full) ? full : null;
        }

        foreach (var directory in (path ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory.Length == 0 ? "." : directory, fileName);
            if (IsExecutable(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file)
        && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
