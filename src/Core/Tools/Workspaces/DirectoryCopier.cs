namespace AgentFunctions.Core.Tools.Workspaces;

/// <summary>Copies a folder tree, skipping excluded folder names, one folder (the work root) and symbolic links.</summary>
internal static class DirectoryCopier
{
    public static void Copy(string source, string destination, IReadOnlyCollection<string> excludedNames, string skippedFolder)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in new DirectoryInfo(source).EnumerateFiles())
        {
            if (file.LinkTarget is null)
            {
                file.CopyTo(Path.Combine(destination, file.Name));
            }
        }

        foreach (var folder in new DirectoryInfo(source).EnumerateDirectories())
        {
            if (folder.LinkTarget is null
                && !excludedNames.Contains(folder.Name, StringComparer.Ordinal)
                && !PathsEqual(folder.FullName, skippedFolder))
            {
                Copy(folder.FullName, Path.Combine(destination, folder.Name), excludedNames, skippedFolder);
            }
        }
    }

    public static void DeleteIfExists(string path)
    {
        var folder = new DirectoryInfo(path);
        if (!folder.Exists)
        {
            return;
        }

        foreach (var file in folder.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            file.Attributes = FileAttributes.Normal;
        }

        folder.Delete(recursive: true);
    }

    public static bool IsInside(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}
