using AgentFunctions.Core.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary>The graphs shipped in <c>graphs/</c> load with the app's real skills and tools, with the default configuration.</summary>
public sealed class RepositoryGraphsTests
{
    [Theory]
    [InlineData("git-to-prod")]
    [InlineData("refine-loop")]
    public void Catalog_ShippedGraph_IsValidWithTheShellToolDisabled(string name)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Mode"] = "InMemory",
            ["AgentFunctions:ContentRoot"] = TestPaths.RepositoryRoot,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAgentFunctionsCore(configuration, "standalone");
        using var provider = services.BuildServiceProvider();

        var catalog = provider.GetRequiredService<GraphService>().Catalog;

        var entry = Assert.Single(catalog.All, e => e.Name == name);
        Assert.True(entry.IsValid, string.Join(Environment.NewLine, entry.Errors));
    }
}
