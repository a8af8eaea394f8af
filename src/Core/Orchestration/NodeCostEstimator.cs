using System.Collections.Concurrent;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// Computes each node's <see cref="NodeCostPlan"/>: the cost the orchestrator reserves before dispatching a skill node — an
/// upper bound of the model call, (prompt token budget × input price) + (max output tokens × output price), in USD — and
/// the cheaper model the <c>downgrade</c> budget policy may use. A node whose model may call tools reserves that per model turn,
/// 1 + <c>max_tool_calls</c> turns (a tool conversation's later turns carry tool results and may exceed the prompt budget; the
/// router's gate checks each turn's real size against what is left). The model is the one <see cref="ModelChoice"/> resolves; for a
/// tier (the node's or the skill's <c>tier:</c>) the plan names the model the router picks now and reserves for the most
/// expensive candidate of the tier's plan (the tier's servable models and the fallbacks), so whichever of them answers, the
/// router's budget gate lets it. The prompt is trimmed to that budget, so the actual cost cannot exceed the reservation unless
/// the provider counts more tokens than <see cref="TokenCounter"/>. Tool nodes reserve nothing.
/// </summary>
public sealed class NodeCostEstimator(SkillCatalog skills, PriceTable prices, ModelRouter router)
{
    private const int MaxDowngrades = 3;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, NodeCostPlan>> _cache = new(StringComparer.Ordinal);

    /// <summary>Gets the plan of every node of a graph.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>Plans by node id.</returns>
    public IReadOnlyDictionary<string, NodeCostPlan> Plans(GraphDefinition graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return _cache.GetOrAdd(graph.ContentHash, _ => graph.Nodes.ToDictionary(n => n.Id, PlanNode, StringComparer.Ordinal));
    }

    private NodeCostPlan PlanNode(GraphNode node)
    {
        if (node.Kind != NodeKind.Skill || skills.Find(node.Target) is not { } skill)
        {
            return NodeCostPlan.Free;
        }

        var promptTokens = node.Context?.MaxTokens ?? PromptAssembler.DefaultBudgetTokens;
        var outputTokens = node.Policy.MaxOutputTokens ?? skill.MaxOutputTokens;
        // A node whose model may call tools takes a model turn per tool call plus the final answer: reserve each of them.
        var turns = (node.Tools ?? skill.Tools).Count > 0 ? 1 + (node.MaxToolCalls ?? skill.MaxToolCalls) : 1;
        // The plan and, for the downgrade policy, a chain of ever cheaper models one tier lower each time.
        NodeCostPlan Plan(string model, int depth) =>
            new(model, skill.Domain, (prices.Find(model)?.Cost(promptTokens, outputTokens) ?? 0) * turns,
                depth < MaxDowngrades && router.Downgrade(model) is { } cheaper && cheaper.Model != model ? Plan(cheaper.Model, depth + 1) : null);

        var choice = ModelChoice.For(skill, node.Policy, null);
        if (choice.Model is { } model)
        {
            return Plan(model, 0);
        }

        ModelPlan tierPlan;
        try
        {
            tierPlan = choice.Plan(router, skill);
        }
        catch (ArgumentException)
        {
            // The tier has no model: the node fails with that reason when it runs; reserve as for the skill's model.
            return Plan(skill.Model, 0);
        }

        var primary = Plan(tierPlan.Primary.Model, 0);
        return primary with { ReservationUsd = tierPlan.Candidates.Max(c => c.Price.Cost(promptTokens, outputTokens)) * turns };
    }
}
