using System.Text.Json.Nodes;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tests.Skills;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>
/// A skill or node that names a tier runs on a model of that tier: the orchestrator reserves for the tier's most expensive
/// candidate, and the router's budget gate lets the tier's model answer (against a local OpenAI-compatible server).
/// </summary>
public sealed class SkillNodeExecutorTierTests : IDisposable
{
    private static readonly string[] s_gold = ["gpt-4.1", "gpt-4o"];
    private readonly SkillsFolder _folder = new();

    public SkillNodeExecutorTierTests()
    {
        _folder.WriteSkill("eng", "gold-writer", "tier: gold\nmax_output_tokens: 500\n");
        _folder.WriteSkill("eng", "cheap-writer", "model: openai/gpt-4o-mini\nmax_output_tokens: 500\n");
    }

    public void Dispose() => _folder.Dispose();

    private (ExecutorHarness Harness, FakeOpenAIServer Server) Start()
    {
        var server = FakeOpenAIServer.Start(body => $"{{\"answer\":\"from {body["model"]}\"}}");
        var harness = new ExecutorHarness(SkillCatalog.Load(_folder.Root), new Dictionary<string, string?>
        {
            ["Models:OpenAI:Endpoint"] = server.Endpoint.ToString(),
            ["Models:OpenAI:ApiKey"] = "test-key",
        });
        return (harness, server);
    }

    [Fact]
    public async Task ExecuteAsync_SkillWithTierGold_RunsOnAGoldModelWithinItsReservation()
    {
        var (harness, server) = Start();
        await using var _ = server;
        using var __ = harness;
        var graph = harness.Load("""
            name: gold
            nodes:
              writer:
                skill: eng/gold-writer
            """);

        var (result, plan) = await harness.RunAsync(graph, "writer", new JsonObject { ["topic"] = "tiers" });

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(result.Model, s_gold.Select(m => $"openai/{m}"));
        var sent = Assert.Single(server.Requests)["model"]!.GetValue<string>();
        Assert.Contains(sent, s_gold);
        Assert.Equal($"from {sent}", result.Output!["answer"]!.GetValue<string>());
        Assert.Contains("tier gold", result.Details!["model_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        // Reserved for the dearest servable gold model (gpt-4o at $2.50/$10 per 1M tokens), not the skill default gpt-4o-mini.
        Assert.Equal(harness.Prices.Get("openai/gpt-4o").Cost(PromptAssembler.DefaultBudgetTokens, 500), plan.ReservationUsd);
        Assert.Contains(plan.Model, s_gold.Select(m => $"openai/{m}"));
        Assert.True(result.CostUsd > 0 && result.CostUsd <= plan.ReservationUsd);
    }

    [Fact]
    public async Task ExecuteAsync_NodeTier_OverridesTheSkillsModelAndANodeModelOverridesTheSkillsTier()
    {
        var (harness, server) = Start();
        await using var _ = server;
        using var __ = harness;
        var graph = harness.Load("""
            name: tiers
            nodes:
              upgraded:
                skill: eng/cheap-writer
                tier: gold
              pinned:
                skill: eng/gold-writer
                model: openai/gpt-4.1-nano
              bronze:
                skill: eng/gold-writer
                tier: bronze
            """);

        var (upgraded, upgradedPlan) = await harness.RunAsync(graph, "upgraded", []);
        var (pinned, pinnedPlan) = await harness.RunAsync(graph, "pinned", []);
        var (bronze, _) = await harness.RunAsync(graph, "bronze", []);

        Assert.True(upgraded.Succeeded, upgraded.Error);
        Assert.Contains(upgraded.Model, s_gold.Select(m => $"openai/{m}"));
        Assert.Equal(harness.Prices.Get("openai/gpt-4o").Cost(PromptAssembler.DefaultBudgetTokens, 500), upgradedPlan.ReservationUsd);
        Assert.True(pinned.Succeeded, pinned.Error);
        Assert.Equal(("openai/gpt-4.1-nano", "openai/gpt-4.1-nano"), (pinned.Model, pinnedPlan.Model));
        Assert.True(bronze.Succeeded, bronze.Error);
        Assert.Contains(bronze.Model, new[] { "openai/gpt-4o-mini", "openai/gpt-4.1-nano" });
        Assert.Equal(1, s_gold.Sum(server.RequestsFor));
        Assert.Equal(2, server.RequestsFor("gpt-4o-mini") + server.RequestsFor("gpt-4.1-nano"));
    }
}
