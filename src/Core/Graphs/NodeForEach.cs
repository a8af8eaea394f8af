namespace AgentFunctions.Core.Graphs;

/// <summary>Dynamic fan-out of a node: one instance per element of a JSON array known only while the run runs.</summary>
/// <param name="Items">The expression naming the array, such as <c>${{ nodes.planner.output.files }}</c> (or an input).</param>
/// <param name="MaxItems">Most instances allowed (1–10,000, default <see cref="DefaultMaxItems"/>); a longer list fails the node.</param>
public sealed record NodeForEach(GraphExpression Items, int MaxItems)
{
    /// <summary>The default <c>max_items</c>.</summary>
    public const int DefaultMaxItems = 1000;

    /// <summary>The largest <c>max_items</c> a graph may set.</summary>
    public const int MaxItemsLimit = 10_000;
}
