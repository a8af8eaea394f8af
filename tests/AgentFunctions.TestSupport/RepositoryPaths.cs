using AgentFunctions.Cli.Local;

namespace AgentFunctions.TestSupport;

/// <summary>Where the repository is (skills, graphs and examples live there).</summary>
public static class RepositoryPaths
{
    /// <summary>Gets the repository root.</summary>
    public static string Root { get; } = RepositoryLayout.FindRoot();
}
