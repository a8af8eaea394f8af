using System.ComponentModel.DataAnnotations;

namespace AgentFunctions.Core.Tools.Shell;

/// <summary>Whether and how the <c>shell</c> tool may run commands (section <c>Tools:Shell</c>).</summary>
public sealed class ShellToolOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Tools:Shell";

    /// <summary>
    /// Gets or sets a value indicating whether the tool runs commands at all (default false: any graph could otherwise
    /// run arbitrary commands on the host). Enable with <c>Tools__Shell__Enabled=true</c>.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the timeout when a node gives none, in seconds (default 60).</summary>
    [Range(1, 3600)]
    public int DefaultTimeoutSeconds { get; set; } = 60;

    /// <summary>Gets or sets the longest timeout a node may ask for, in seconds (default 600).</summary>
    [Range(1, 86400)]
    public int MaxTimeoutSeconds { get; set; } = 600;

    /// <summary>Gets or sets how many characters of combined output the tool returns (default 8,192, the end is kept).</summary>
    [Range(256, 1024 * 1024)]
    public int OutputTailChars { get; set; } = 8 * 1024;
}
