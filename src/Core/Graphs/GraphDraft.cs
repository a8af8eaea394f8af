namespace AgentFunctions.Core.Graphs;

/// <summary>What the reader made of a graph file before cross-node validation; fields stay null when a value was invalid.</summary>
internal sealed class GraphDraft
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<GraphInput> Inputs { get; } = [];

    public decimal? MaxCostUsd { get; set; }

    public BudgetPolicy OnExceed { get; set; } = BudgetPolicy.Fail;

    public PolicyDraft Defaults { get; } = new();

    public List<NodeDraft> Nodes { get; } = [];
}
