using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;
using AgentFunctions.Core.Tools;
using AgentFunctions.Core.Tools.Processes;
using AgentFunctions.Core.Tools.Testing;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Tools;

/// <summary>
/// A temp folder per test with a copy of examples/sample-repo as "sample-repo" under the repositories root, a work
/// root, and the real process runner, git client, workspace manager and test runner wired to them.
/// </summary>
internal sealed class ToolSandbox : IDisposable
{
    public const string Repo = "sample-repo";

    public ToolSandbox(string? repositoriesRoot = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "agentfunctions-tests", Guid.NewGuid().ToString("N")[..12]);
        if (repositoriesRoot is null)
        {
            repositoriesRoot = Path.Combine(Root, "repos");
            DirectoryCopier.Copy(SampleRepoPath, Path.Combine(repositoriesRoot, Repo), [".git", "__pycache__"], Root);
        }

        WorkspaceOptions = new WorkspaceOptions { WorkRoot = Path.Combine(Root, "work"), RepositoriesRoot = repositoriesRoot };
        Runner = new ProcessRunner(NullLogger<ProcessRunner>.Instance);
        Git = new GitClient(Runner, Options.Create(WorkspaceOptions));
        Workspaces = new WorkspaceManager(Git, Options.Create(WorkspaceOptions), NullLogger<WorkspaceManager>.Instance);
        Tests = new TestSuiteRunner(Runner, Options.Create(new TestRunOptions()), NullLogger<TestSuiteRunner>.Instance);
    }

    public static string RepositoryRoot { get; } = RepositoryLayout.FindRoot();

    public static string SampleRepoPath => Path.Combine(RepositoryRoot, "examples", "sample-repo");

    public string Root { get; }

    public WorkspaceOptions WorkspaceOptions { get; }

    public ProcessRunner Runner { get; }

    public GitClient Git { get; }

    public WorkspaceManager Workspaces { get; }

    public TestSuiteRunner Tests { get; }

    /// <summary>Reads one of the recorded model patches in examples/sample-repo-patches.</summary>
    public static string Patch(string fileName) =>
        File.ReadAllText(Path.Combine(RepositoryRoot, "examples", "sample-repo-patches", fileName));

    public static ToolInvocation Invocation(JsonObject arguments, string nodeId = "node", int attempt = 1) =>
        new("run-1", nodeId, attempt, arguments);

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
