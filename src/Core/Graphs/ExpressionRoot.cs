namespace AgentFunctions.Core.Graphs;

/// <summary>What a <see cref="GraphExpression"/> reads from.</summary>
public enum ExpressionRoot
{
    /// <summary>A run input: <c>${{ inputs.name }}</c>.</summary>
    Inputs,

    /// <summary>The output of an upstream node: <c>${{ nodes.id.output }}</c>.</summary>
    Nodes,
}
