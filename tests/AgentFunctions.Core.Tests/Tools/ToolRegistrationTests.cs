using AgentFunctions.Core.Tools;
using AgentFunctions.Core.Tools.Shell;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class ToolRegistrationTests
{
    [Fact]
    public void AddAgentFunctionsTools_Resolved_RegistryHasEveryToolAndBoundOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tools:Shell:Enabled"] = "true",
            ["Tools:Workspace:WorkRoot"] = "/tmp/af-work",
            ["Tools:Workspace:RepositoriesRoot"] = "/srv/repos",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));

        services.AddAgentFunctionsTools(configuration).AddAgentFunctionsTools(configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var registry = provider.GetRequiredService<ToolRegistry>();
        Assert.Equal(["noop", "patch.select", "release.changelog", "security.scan", "shell", "tests.run"], registry.Names);
        Assert.True(provider.GetRequiredService<IOptions<ShellToolOptions>>().Value.Enabled);
        Assert.Equal("/srv/repos", provider.GetRequiredService<WorkspaceManager>().RepositoriesRoot);
        Assert.All(registry.Tools, t => Assert.All(t.RequiredArguments, a => Assert.Contains(a, t.KnownArguments)));
    }

    [Fact]
    public void AddWorkspaceRetention_CalledTwice_RegistersOneHostedServiceWithTheBoundRetention()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tools:Workspace:WorkRoot"] = "/tmp/af-work",
            ["Tools:Workspace:Retention"] = "00:30:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));

        services.AddAgentFunctionsTools(configuration).AddWorkspaceRetention().AddWorkspaceRetention();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var service = Assert.IsType<WorkspaceRetentionService>(Assert.Single(provider.GetServices<IHostedService>()));
        Assert.Equal(TimeSpan.FromMinutes(30), service.SweepInterval);
    }

    [Fact]
    public void Get_UnknownTool_ListsKnownOnes()
    {
        var registry = new ToolRegistry([new Core.Tools.Security.SecurityScanTool(NullLogger<Core.Tools.Security.SecurityScanTool>.Instance)]);

        Assert.True(registry.TryGet("security.scan", out _));
        var error = Assert.Throws<KeyNotFoundException>(() => registry.Get("deploy"));
        Assert.Contains("security.scan", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateNames_Throws()
    {
        var scan = new Core.Tools.Security.SecurityScanTool(NullLogger<Core.Tools.Security.SecurityScanTool>.Instance);

        Assert.Throws<ArgumentException>(() => new ToolRegistry([scan, scan]));
    }
}
