namespace AgentFunctions.Core.Graphs;

/// <summary>One graph file of a <see cref="GraphCatalog"/>, valid or not.</summary>
/// <param name="Name">The graph name (the file name without extension).</param>
/// <param name="File">The file name, such as <c>git-to-prod.yaml</c>.</param>
/// <param name="Description">The graph's description, or null (always null for an invalid file).</param>
/// <param name="NodeCount">How many nodes the graph has (0 for an invalid file).</param>
/// <param name="Errors">Why the file is not usable; empty for a valid graph.</param>
public sealed record GraphCatalogEntry(string Name, string File, string? Description, int NodeCount, IReadOnlyList<GraphError> Errors)
{
    /// <summary>Gets a value indicating whether the file holds a usable graph.</summary>
    public bool IsValid => Errors.Count == 0;
}
