using System.ComponentModel.DataAnnotations;

namespace AgentFunctions.Core.Tools.Workspaces;

/// <summary>Where repositories are read from and where tools build their working copies (section <c>Tools:Workspace</c>).</summary>
public sealed class WorkspaceOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Tools:Workspace";

    /// <summary>
    /// Gets or sets the folder under which working copies live, as <c>&lt;WorkRoot&gt;/&lt;runId&gt;/&lt;nodeId&gt;-a&lt;attempt&gt;</c>
    /// (default <c>&lt;temp&gt;/agentfunctions/work</c>).
    /// </summary>
    [Required]
    public string WorkRoot { get; set; } = Path.Combine(Path.GetTempPath(), "agentfunctions", "work");

    /// <summary>
    /// Gets or sets the folder that repositories named by the <c>repo</c> argument are resolved under; a repository
    /// must stay inside it (no <c>..</c> or absolute path leading out). Empty means the process's current directory.
    /// </summary>
    public string RepositoriesRoot { get; set; } = string.Empty;

    /// <summary>
    /// Gets the folder names never copied into a working copy, at any depth (<c>.git</c>, <c>__pycache__</c>,
    /// <c>node_modules</c>; names bound from configuration are added to these).
    /// </summary>
    public IList<string> ExcludedDirectories { get; } = [".git", "__pycache__", "node_modules"];

    /// <summary>Gets or sets the author and committer name of the commits tools make.</summary>
    [Required]
    public string GitUserName { get; set; } = "AgentFunctions";

    /// <summary>Gets or sets the author and committer email of the commits tools make.</summary>
    [Required]
    public string GitUserEmail { get; set; } = "agentfunctions@localhost";

    /// <summary>
    /// Gets or sets how long a run folder (<c>&lt;WorkRoot&gt;/&lt;runId&gt;</c>) is kept after its newest write before
    /// <see cref="WorkspaceRetentionService"/> deletes it (default 1 day; zero or negative keeps every folder). The folders
    /// are swept when the service starts and then every hour, or every <see cref="Retention"/> if shorter.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets how long one git command may run, in seconds (default 120).</summary>
    [Range(1, 3600)]
    public int GitTimeoutSeconds { get; set; } = 120;
}
