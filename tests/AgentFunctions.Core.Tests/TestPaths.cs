using AgentFunctions.Cli.Local;

namespace AgentFunctions.Core.Tests;

internal static class TestPaths
{
    public static string RepositoryRoot { get; } = RepositoryLayout.FindRoot();
}
