using System.ComponentModel.DataAnnotations;

namespace AgentFunctions.Core;

/// <summary>Where the app finds its content. Bound from the <c>AgentFunctions</c> section.</summary>
public sealed class AgentFunctionsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "AgentFunctions";

    private string? _contentRoot;

    /// <summary>
    /// Gets or sets the folder that relative paths below are resolved against. A value that is set (not empty) is used
    /// as given (relative to the current directory). When it is not set, it is found with
    /// <see cref="FindContentRoot(string, string)"/>: the first folder, walking up from the current directory and then from
    /// the app's folder (<see cref="AppContext.BaseDirectory"/>), that holds both <see cref="SkillsPath"/> and
    /// <see cref="GraphsPath"/>, so that <c>dotnet run --project src/Functions</c> finds the repository's skills and graphs;
    /// the current directory when there is none.
    /// </summary>
    public string ContentRoot
    {
        get => string.IsNullOrWhiteSpace(_contentRoot) ? FindContentRoot(SkillsPath, GraphsPath) : _contentRoot;
        set => _contentRoot = value;
    }

    /// <summary>Gets a value indicating whether <see cref="ContentRoot"/> was set rather than found.</summary>
    public bool IsContentRootSet => !string.IsNullOrWhiteSpace(_contentRoot);

    /// <summary>Gets or sets the skills folder (<c>&lt;domain&gt;/&lt;skill&gt;/SKILL.md</c>).</summary>
    [Required]
    public string SkillsPath { get; set; } = "skills";

    /// <summary>Gets or sets the graphs folder (<c>*.yaml</c>).</summary>
    [Required]
    public string GraphsPath { get; set; } = "graphs";

    /// <summary>Resolves a configured path against <see cref="ContentRoot"/>.</summary>
    /// <param name="path">An absolute path, or one relative to the content root.</param>
    /// <returns>The full path.</returns>
    public string Resolve(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(ContentRoot, path));

    /// <summary>
    /// Finds the content root: the first folder holding both <paramref name="skillsPath"/> and <paramref name="graphsPath"/>,
    /// walking up from the current directory, then from <see cref="AppContext.BaseDirectory"/>.
    /// </summary>
    /// <param name="skillsPath">The skills folder, relative to the content root (such as <c>skills</c>).</param>
    /// <param name="graphsPath">The graphs folder, relative to the content root (such as <c>graphs</c>).</param>
    /// <returns>The full path of the folder found, or of the current directory when none is found.</returns>
    /// <exception cref="ArgumentException">A path is null or empty.</exception>
    public static string FindContentRoot(string skillsPath, string graphsPath) =>
        FindContentRoot([Directory.GetCurrentDirectory(), AppContext.BaseDirectory], skillsPath, graphsPath);

    /// <summary>Finds the content root walking up from each of <paramref name="starts"/> in turn; the first start when none holds both folders.</summary>
    internal static string FindContentRoot(IReadOnlyList<string> starts, string skillsPath, string graphsPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(skillsPath);
        ArgumentException.ThrowIfNullOrEmpty(graphsPath);
        foreach (var start in starts)
        {
            for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
            {
                if (Directory.Exists(Path.Combine(folder.FullName, skillsPath)) && Directory.Exists(Path.Combine(folder.FullName, graphsPath)))
                {
                    return Path.TrimEndingDirectorySeparator(folder.FullName);
                }
            }
        }

        return Path.GetFullPath(starts[0]);
    }
}
