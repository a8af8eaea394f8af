using System.ComponentModel.DataAnnotations;

namespace AgentFunctions.Core.Tools.Testing;

/// <summary>How the test tools run a test suite (section <c>Tools:Tests</c>).</summary>
public sealed class TestRunOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Tools:Tests";

    /// <summary>The command used when a graph names none: Python's unittest discovery from the repository root.</summary>
    public const string PythonUnittestCommand = "python3 -m unittest discover -s tests -t . -v";

    /// <summary>Gets or sets the command run when the graph gives none, split on whitespace (default <see cref="PythonUnittestCommand"/>).</summary>
    [Required]
    public string DefaultCommand { get; set; } = PythonUnittestCommand;

    /// <summary>Gets or sets how long one test run may take before its process tree is killed, in seconds (default 300).</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 300;

    /// <summary>Gets or sets how many characters of combined output a tool returns (default 8,192, the end is kept).</summary>
    [Range(256, 1024 * 1024)]
    public int OutputTailChars { get; set; } = 8 * 1024;
}
