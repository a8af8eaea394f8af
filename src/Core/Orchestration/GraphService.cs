using System.Collections.Concurrent;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tools;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// Loads graphs with the app's skills, tools and priced models: the catalog of <c>graphs/*.yaml</c>, inline graphs
/// submitted with a run, and the graph stored with a run (parsed once per content hash and cached).
/// </summary>
public sealed class GraphService
{
    private readonly ConcurrentDictionary<string, GraphDefinition> _byHash = new(StringComparer.Ordinal);

    /// <summary>Creates the service.</summary>
    /// <param name="options">Paths.</param>
    /// <param name="skills">Known skills.</param>
    /// <param name="tools">Known tools.</param>
    /// <param name="prices">Known models (a node may only name a model with a price, so its cost can be checked before the call).</param>
    public GraphService(IOptions<AgentFunctionsOptions> options, SkillCatalog skills, ToolRegistry tools, PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(prices);
        Context = new GraphLoaderContext(skills.Ids, tools.Tools.ToDictionary(t => t.Name, StringComparer.Ordinal), prices.Models);
        var directory = options.Value.Resolve(options.Value.GraphsPath);
        Directory = directory;
        var files = System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f)))
            : [];
        Catalog = GraphCatalog.Create(files, Context);
    }

    /// <summary>Gets the folder the graph catalog was loaded from.</summary>
    public string Directory { get; }

    /// <summary>Gets the validation context (skills, tools, models).</summary>
    public GraphLoaderContext Context { get; }

    /// <summary>Gets the catalog of graph files, loaded when the app starts.</summary>
    public GraphCatalog Catalog { get; }

    /// <summary>Parses and validates graph YAML; a valid graph is also kept for <see cref="ForRun"/> (by its content hash), so a run started in this process does not parse it again.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourceName">Name used in errors.</param>
    /// <returns>The graph or the errors.</returns>
    public GraphLoadResult Parse(string yaml, string sourceName)
    {
        var result = GraphLoader.Load(yaml, sourceName, Context);
        if (result.Graph is { } graph)
        {
            _byHash.TryAdd(graph.ContentHash, graph);
        }

        return result;
    }

    /// <summary>Gets the graph a run executes, from the YAML stored with it.</summary>
    /// <param name="graphHash">The stored hash (cache key).</param>
    /// <param name="yaml">The stored YAML.</param>
    /// <returns>The graph.</returns>
    /// <exception cref="InvalidOperationException">The stored YAML no longer validates (e.g. a skill it uses was removed); the message lists the errors.</exception>
    public GraphDefinition ForRun(string graphHash, string yaml)
    {
        if (_byHash.TryGetValue(graphHash, out var cached))
        {
            return cached;
        }

        var result = Parse(yaml, "stored run graph");
        var graph = result.Graph ?? throw new InvalidOperationException($"The run's graph no longer validates: {result.FormatErrors()}");
        return _byHash.GetOrAdd(graphHash, graph);
    }
}
