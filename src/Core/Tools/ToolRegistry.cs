using System.Diagnostics.CodeAnalysis;

namespace AgentFunctions.Core.Tools;

/// <summary>The tools a host offers to graphs, looked up by the name used in <c>tool:</c>.</summary>
public sealed class ToolRegistry
{
    private readonly Dictionary<string, ITool> _tools;

    /// <summary>Creates the registry.</summary>
    /// <param name="tools">The tools (every <see cref="ITool"/> registered in DI).</param>
    /// <exception cref="ArgumentNullException"><paramref name="tools"/> is null.</exception>
    /// <exception cref="ArgumentException">Two tools share a name, or a tool has an empty name.</exception>
    public ToolRegistry(IEnumerable<ITool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _tools = new Dictionary<string, ITool>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(tool.Name, nameof(tools));
            if (!_tools.TryAdd(tool.Name, tool))
            {
                throw new ArgumentException(
                    $"Two tools are named '{tool.Name}': {_tools[tool.Name].GetType().FullName} and {tool.GetType().FullName}.", nameof(tools));
            }
        }

        Tools = [.. _tools.Values.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>Gets every tool, ordered by name.</summary>
    public IReadOnlyList<ITool> Tools { get; }

    /// <summary>Gets the tool names, ordered.</summary>
    public IEnumerable<string> Names => Tools.Select(t => t.Name);

    /// <summary>Looks a tool up by name (case-sensitive).</summary>
    /// <param name="name">Such as <c>tests.run</c>.</param>
    /// <param name="tool">The tool, when found.</param>
    /// <returns>True when a tool has that name.</returns>
    public bool TryGet(string name, [NotNullWhen(true)] out ITool? tool)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _tools.TryGetValue(name, out tool);
    }

    /// <summary>Gets a tool by name.</summary>
    /// <param name="name">Such as <c>tests.run</c>.</param>
    /// <returns>The tool.</returns>
    /// <exception cref="KeyNotFoundException">No tool has that name; the message lists the known ones.</exception>
    public ITool Get(string name) =>
        TryGet(name, out var tool)
            ? tool
            : throw new KeyNotFoundException($"Unknown tool '{name}'. Known tools: {string.Join(", ", Names)}.");
}
