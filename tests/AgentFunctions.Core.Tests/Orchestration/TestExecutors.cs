using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Models.Recorded;
using AgentFunctions.Core.Orchestration.Execution;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tools;
using AgentFunctions.Core.Tools.Agent;
using AgentFunctions.Core.Tools.Mcp;
using AgentFunctions.Core.Tools.Processes;
using AgentFunctions.Core.Tools.Workspaces;
using AgentFunctions.TestSupport.Safety;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>Builds a <see cref="SkillNodeExecutor"/> as the app wires it, with in-memory learning and PII vault and real git workspaces.</summary>
internal static class TestExecutors
{
    /// <summary>Creates an executor over the skills and router.</summary>
    /// <param name="skills">The skills catalog.</param>
    /// <param name="router">The model router (the caller disposes it).</param>
    /// <param name="workRoot">Where working copies go; the temp folder when null.</param>
    /// <param name="tools">Builds the tool registry from the workspaces and process runner; no tools when null.</param>
    public static SkillNodeExecutor Create(SkillCatalog skills, ModelRouter router, string? workRoot = null, Func<WorkspaceManager, ProcessRunner, ToolRegistry>? tools = null)
    {
        var workspace = Options.Create(new WorkspaceOptions { WorkRoot = workRoot ?? Path.GetTempPath(), RepositoriesRoot = TestPaths.RepositoryRoot });
        var processes = new ProcessRunner(NullLogger<ProcessRunner>.Instance);
        var workspaces = new WorkspaceManager(new GitClient(processes, workspace), workspace, NullLogger<WorkspaceManager>.Instance);
        var registry = tools?.Invoke(workspaces, processes) ?? new ToolRegistry([]);
        return new SkillNodeExecutor(skills, router, workspaces, new Learning.LearningHost().Learning, Options.Create(new LearningOptions()),
            new ReplayResponses(null!), new ProjectTools(registry, workspaces), new McpToolSource(NullLogger<McpToolSource>.Instance),
            new InMemoryPiiTokenVault(), TimeProvider.System);
    }
}
