using System.Diagnostics.CodeAnalysis;

namespace AgentFunctions.Core.Graphs;

/// <summary>
/// The graphs of one directory: every <c>*.yaml</c> and <c>*.yml</c> file (not subdirectories), loaded and validated.
/// Valid graphs are available by name; invalid files are listed with their errors and never hide the valid ones.
/// A graph's <c>name:</c> must equal its file name without extension, and names must be unique.
/// Immutable once loaded and safe to share between threads.
/// </summary>
public sealed class GraphCatalog
{
    private readonly Dictionary<string, GraphDefinition> _graphs;

    private GraphCatalog(Dictionary<string, GraphDefinition> graphs, IReadOnlyList<GraphCatalogEntry> entries)
    {
        _graphs = graphs;
        All = entries;
    }

    /// <summary>Gets every file of the catalog, valid or not, ordered by name then file.</summary>
    public IReadOnlyList<GraphCatalogEntry> All { get; }

    /// <summary>Gets the valid graphs, ordered by name.</summary>
    public IEnumerable<GraphDefinition> Graphs => _graphs.Values.OrderBy(g => g.Name, StringComparer.Ordinal);

    /// <summary>Loads every graph file of a directory.</summary>
    /// <param name="directory">The directory, such as <c>graphs/</c>.</param>
    /// <param name="context">The skills, tools and models graphs may reference.</param>
    /// <param name="cancellationToken">Cancels the file reads.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static async Task<GraphCatalog> LoadAsync(string directory, GraphLoaderContext context, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(context);
        var files = Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        var sources = new List<(string File, string Text)>(files.Count);
        foreach (var file in files)
        {
            sources.Add((Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken)));
        }

        return Create(sources, context);
    }

    /// <summary>Builds a catalog from file names and their text (what <see cref="LoadAsync"/> reads).</summary>
    /// <param name="files">File names (such as <c>git-to-prod.yaml</c>) with their YAML text.</param>
    /// <param name="context">The skills, tools and models graphs may reference.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static GraphCatalog Create(IEnumerable<(string File, string Text)> files, GraphLoaderContext context)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(context);
        var loaded = files.Select(f => (f.File, f.Text, Name: Path.GetFileNameWithoutExtension(f.File), Result: GraphLoader.Load(f.Text, f.File, context))).ToList();
        var entries = new List<GraphCatalogEntry>();
        var graphs = new Dictionary<string, GraphDefinition>(StringComparer.Ordinal);
        foreach (var (file, text, name, result) in loaded)
        {
            var errors = result.Errors.ToList();
            if (result.IsValid && result.Graph.Name != name)
            {
                errors.Add(new GraphError(GraphErrorCodes.NameMismatch, $"The graph is named '{result.Graph.Name}' but its file is '{file}'; rename one so that the name equals the file name without extension.", GraphLoader.FindTopLevelKeyLine(text, "name"), 1, null, "name"));
            }

            var others = loaded.Where(o => o.Name == name && o.File != file).Select(o => o.File).ToList();
            if (others.Count > 0)
            {
                errors.Add(new GraphError(GraphErrorCodes.DuplicateName, $"Graph name '{name}' is also used by {string.Join(", ", others)}; graph names must be unique.", null, null, null, "name"));
            }

            entries.Add(errors.Count == 0
                ? new GraphCatalogEntry(name, file, result.Graph!.Description, result.Graph.Nodes.Count, [])
                : new GraphCatalogEntry(name, file, null, 0, errors));
            if (errors.Count == 0)
            {
                graphs.Add(name, result.Graph!);
            }
        }

        var ordered = entries.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.File, StringComparer.Ordinal).ToList();
        return new GraphCatalog(graphs, ordered);
    }

    /// <summary>Finds a valid graph by name.</summary>
    /// <param name="name">The graph name.</param>
    /// <param name="graph">The graph when found.</param>
    /// <returns>True when the catalog holds a valid graph with that name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public bool TryGet(string name, [NotNullWhen(true)] out GraphDefinition? graph)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _graphs.TryGetValue(name, out graph);
    }
}
