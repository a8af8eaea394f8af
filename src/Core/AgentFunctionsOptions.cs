using System.ComponentModel.DataAnnotations;

namespace AgentFunctions.Core;

/// <summary>Where the app finds its content. Bound from the <c>AgentFunctions</c> section.</summary>
public sealed class AgentFunctionsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "AgentFunctions";

    /// <summary>Gets or sets the folder that relative paths below are resolved against; default: the current directory.</summary>
    public string ContentRoot { get; set; } = Directory.GetCurrentDirectory();

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
}
