using System.Collections.Concurrent;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// Computes the cost the orchestrator reserves before dispatching each skill node: an upper bound on the model call,
/// (prompt token budget × input price) + (max output tokens × output price), in USD. The prompt is trimmed to that
/// budget, so the actual cost cannot exceed the reservation unless the provider reports more tokens than estimated.
/// Tool nodes reserve nothing.
/// </summary>
public sealed class NodeCostEstimator(SkillCatalog skills, PriceTable prices)
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, decimal>> _cache = new(StringComparer.Ordinal);

    /// <summary>Gets the reservation of every node of a graph.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>USD by node id (0 for tool nodes and unpriced models).</returns>
    public IReadOnlyDictionary<string, decimal> Estimate(GraphDefinition graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return _cache.GetOrAdd(graph.ContentHash, _ => graph.Nodes.ToDictionary(n => n.Id, EstimateNode, StringComparer.Ordinal));
    }

    private decimal EstimateNode(GraphNode node)
    {
        if (node.Kind != NodeKind.Skill || skills.Find(node.Target) is not { } skill)
        {
            return 0;
        }

        var price = prices.Find(node.Policy.Model ?? skill.Model);
        var promptTokens = node.Context?.MaxTokens ?? PromptAssembler.DefaultBudgetTokens;
        return price?.Cost(promptTokens, node.Policy.MaxOutputTokens ?? skill.MaxOutputTokens) ?? 0;
    }
}
