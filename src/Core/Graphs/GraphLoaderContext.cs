using AgentFunctions.Core.Tools;

namespace AgentFunctions.Core.Graphs;

/// <summary>What the loader checks a graph's references against: the skills, tools and (optionally) models that exist.</summary>
public sealed class GraphLoaderContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="skills">Known skill ids (<c>domain/skill</c>).</param>
    /// <param name="tools">Registered tools by <see cref="ITool.Name"/>.</param>
    /// <param name="models">Known model ids (<c>provider/model</c>), or null to accept any model id.</param>
    /// <exception cref="ArgumentNullException"><paramref name="skills"/> or <paramref name="tools"/> is null.</exception>
    public GraphLoaderContext(IEnumerable<string> skills, IReadOnlyDictionary<string, ITool> tools, IEnumerable<string>? models = null)
    {
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(tools);
        Skills = new HashSet<string>(skills, StringComparer.Ordinal);
        Tools = tools;
        Models = models is null ? null : new HashSet<string>(models, StringComparer.Ordinal);
    }

    /// <summary>Gets the known skill ids.</summary>
    public IReadOnlySet<string> Skills { get; }

    /// <summary>Gets the registered tools by name.</summary>
    public IReadOnlyDictionary<string, ITool> Tools { get; }

    /// <summary>Gets the known model ids, or null when model ids are not checked.</summary>
    public IReadOnlySet<string>? Models { get; }
}
