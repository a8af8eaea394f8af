using AgentFunctions.Core.Tools;
using AgentFunctions.Core.Tools.Noop;
using AgentFunctions.Core.Tools.Patches;
using AgentFunctions.Core.Tools.Processes;
using AgentFunctions.Core.Tools.Release;
using AgentFunctions.Core.Tools.Security;
using AgentFunctions.Core.Tools.Shell;
using AgentFunctions.Core.Tools.Testing;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AgentFunctions tools (<c>patch.select</c>, <c>tests.run</c>, <c>security.scan</c>, <c>release.changelog</c>, <c>shell</c>, <c>noop</c>).</summary>
public static class ToolsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the tool options (sections <c>Tools:Workspace</c>, <c>Tools:Tests</c>, <c>Tools:Shell</c>,
    /// <c>Tools:Sandbox</c>, validated at start), the process runner, git client, workspace manager and test runner, every tool as an <see cref="ITool"/>
    /// singleton, and the <see cref="ToolRegistry"/>. Calling it twice registers nothing twice.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration holding the <c>Tools</c> sections.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddAgentFunctionsTools(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<WorkspaceOptions>().Bind(configuration.GetSection(WorkspaceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TestRunOptions>().Bind(configuration.GetSection(TestRunOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ShellToolOptions>().Bind(configuration.GetSection(ShellToolOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProcessRunner>();
        services.TryAddSingleton<GitClient>();
        services.TryAddSingleton<WorkspaceManager>();
        services.TryAddSingleton<TestSuiteRunner>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITool, PatchSelectTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITool, TestsRunTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITool, SecurityScanTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITool, ReleaseChangelogTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITool, ShellTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITool, NoopTool>());
        services.TryAddSingleton<ToolRegistry>();
        services.TryAddSingleton<AgentFunctions.Core.Tools.Agent.ProjectTools>();
        services.TryAddSingleton<AgentFunctions.Core.Tools.Mcp.McpToolSource>();
        return services;
    }
}
