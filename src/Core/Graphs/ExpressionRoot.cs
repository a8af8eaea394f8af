namespace AgentFunctions.Core.Graphs;

/// <summary>What a <see cref="GraphExpression"/> reads from.</summary>
public enum ExpressionRoot
{
    /// <summary>A run input: <c>${{ inputs.name }}</c>.</summary>
    Inputs,

    /// <summary>The output of an upstream node: <c>${{ nodes.id.output }}</c>.</summary>
    Nodes,

    /// <summary>The item of a <c>for_each</c> instance: <c>${{ item }}</c>, <c>${{ item.path }}</c>.</summary>
    Item,

    /// <summary>The 0-based position of a <c>for_each</c> instance's item: <c>${{ item_index }}</c>.</summary>
    ItemIndex,
}
