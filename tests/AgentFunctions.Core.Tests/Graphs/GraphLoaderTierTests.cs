using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Models;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary>A node (or the defaults) may name a tier instead of a model, and a node's context may set only its prompt budget.</summary>
public sealed class GraphLoaderTierTests
{
    [Fact]
    public void Load_NodeTier_IsReadAndReplacesTheDefaultsModel()
    {
        var graph = GraphTestData.LoadValid("""
            name: tiers
            defaults:
              model: openai/gpt-4o-mini
            nodes:
              a:
                skill: engineering/planner
                tier: gold
              b:
                skill: engineering/planner
            """);

        var a = graph.Nodes.Single(n => n.Id == "a").Policy;
        var b = graph.Nodes.Single(n => n.Id == "b").Policy;
        Assert.Equal((null, ModelTier.Gold), (a.Model, a.Tier));
        Assert.Equal(("openai/gpt-4o-mini", (ModelTier?)null), (b.Model, b.Tier));
    }

    [Fact]
    public void Load_DefaultsTier_AppliesUnlessTheNodeNamesAModel()
    {
        var graph = GraphTestData.LoadValid("""
            name: tiers
            defaults: { tier: silver }
            nodes:
              a: { skill: engineering/planner }
              b: { skill: engineering/planner, model: openai/gpt-4o }
            """);

        Assert.Equal(ModelTier.Silver, graph.Nodes[0].Policy.Tier);
        Assert.Equal(("openai/gpt-4o", (ModelTier?)null), (graph.Nodes[1].Policy.Model, graph.Nodes[1].Policy.Tier));
    }

    [Fact]
    public void Load_UnknownTier_ReportsTheFieldAndLine()
    {
        var error = GraphTestData.SingleError("""
            name: tiers
            nodes:
              a:
                skill: engineering/planner
                tier: platinum
            """, GraphErrorCodes.InvalidValue);

        Assert.Equal((5, "a", "nodes.a.tier"), (error.Line, error.NodeId, error.Field));
        Assert.Contains("'platinum' is not a tier; use gold, silver or bronze", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelAndTierOnOneNode_IsAnError()
    {
        var error = GraphTestData.SingleError("""
            name: tiers
            nodes:
              a:
                skill: engineering/planner
                model: openai/gpt-4o
                tier: gold
            """, GraphErrorCodes.InvalidValue);

        Assert.Equal((6, "nodes.a.tier"), (error.Line, error.Field));
        Assert.Contains("set either model or tier, not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ContextWithOnlyMaxTokens_SetsTheBudgetWithoutARepository()
    {
        var graph = GraphTestData.LoadValid("""
            name: wide
            nodes:
              a:
                skill: engineering/planner
                context: { max_tokens: 20000 }
            """);

        var context = graph.Nodes.Single().Context;
        Assert.NotNull(context);
        Assert.Equal((null, 20_000), (context.Repository, context.MaxTokens));
        Assert.Empty(context.Include);
    }
}
