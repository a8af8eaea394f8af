using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFunctions.Cli.Commands.Graphs;

/// <summary>
/// Validates graph files without the app or storage: Core's <see cref="GraphService"/> built the way the app builds it
/// (the same skills, tools and priced models, from a content root), with storage in memory. Settings come from the
/// environment as the app reads them (<c>Tools__Shell__Enabled=true</c>, <c>Models__…</c>).
/// </summary>
public sealed class OfflineGraphValidator : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly GraphService _graphs;

    /// <summary>Creates a validator for a content root.</summary>
    /// <param name="contentRoot">The folder holding <c>skills/</c> (and <c>graphs/</c>).</param>
    public OfflineGraphValidator(string contentRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentRoot);
        ContentRoot = contentRoot;
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Mode"] = "InMemory",
                ["AgentFunctions:ContentRoot"] = contentRoot,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAgentFunctionsCore(configuration, "cli");
        _provider = services.BuildServiceProvider();
        _graphs = _provider.GetRequiredService<GraphService>();
    }

    /// <summary>Gets the content root the skills were read from.</summary>
    public string ContentRoot { get; }

    /// <summary>Parses and validates one graph's YAML.</summary>
    /// <param name="yaml">The text.</param>
    /// <param name="sourceName">The file name used in errors.</param>
    /// <returns>The graph or every error, each with its line and column.</returns>
    public GraphLoadResult Validate(string yaml, string sourceName) => _graphs.Parse(yaml, sourceName);

    /// <summary>Finds the content root: the nearest folder, from <paramref name="start"/> up, that holds <c>skills/</c>.</summary>
    /// <param name="start">Where to start.</param>
    /// <returns>The folder, or null when no ancestor holds <c>skills/</c>.</returns>
    public static string? FindContentRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "skills")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public void Dispose() => _provider.Dispose();
}
