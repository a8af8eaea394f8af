using System.Text.Json.Nodes;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tests.Context;
using AgentFunctions.Core.Tests.Skills;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>A wide fan-in fits its prompt: upstream outputs are trimmed per item, recorded in the manifest, instead of failing the node.</summary>
public sealed class SkillNodeExecutorFanInTests : IDisposable
{
    private readonly SkillsFolder _folder = new();

    public SkillNodeExecutorFanInTests() => _folder.WriteSkill("eng", "summarizer", "max_output_tokens: 300\n");

    public void Dispose() => _folder.Dispose();

    private static GraphDefinition FanIn(int width, NodeContext? context)
    {
        var ids = Enumerable.Range(0, width).Select(i => $"r{i}").ToList();
        var reviewers = ids.Select(id => new GraphNode(id, NodeKind.Skill, "eng/summarizer", [], [], null, NodePolicy.Default, 1));
        var summary = new GraphNode("summary", NodeKind.Skill, "eng/summarizer", ids, [], context, NodePolicy.Default, 2);
        return new GraphDefinition("fan-in", null, [], new GraphBudget(null), [.. reviewers, summary], "yaml", $"fan-in-{width}-{context?.MaxTokens}");
    }

    private async Task<(NodeResult Result, JsonObject Manifest, FakeOpenAIServer Server)> RunAsync(int width, NodeContext? context = null)
    {
        var server = FakeOpenAIServer.Start(_ => "{\"summary\":\"all reviewed\"}");
        using var harness = new ExecutorHarness(SkillCatalog.Load(_folder.Root), new Dictionary<string, string?>
        {
            ["Models:OpenAI:Endpoint"] = server.Endpoint.ToString(),
            ["Models:OpenAI:ApiKey"] = "test-key",
        });
        var outputs = Enumerable.Range(0, width).ToDictionary(i => $"r{i}", i => (JsonNode?)PromptAssemblerTests.Review(i));
        var (result, _) = await harness.RunAsync(FanIn(width, context), "summary", new JsonObject { ["task"] = "summarize the reviews" }, outputs);
        return (result, result.Details?["manifest"]?.AsObject() ?? [], server);
    }

    [Fact]
    public async Task ExecuteAsync_FanInOf200Outputs_SucceedsWithTheDefaultBudgetAndTheManifestListsTheTrims()
    {
        var (result, manifest, server) = await RunAsync(200);
        await using var _ = server;

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(PromptAssembler.DefaultBudgetTokens, manifest["budgetTokens"]!.GetValue<int>());
        Assert.True(manifest["totalTokens"]!.GetValue<int>() <= PromptAssembler.DefaultBudgetTokens);
        var trims = manifest["trims"]!.AsArray();
        Assert.Equal(200, trims.Count);
        Assert.All(trims, t => Assert.True(t!["keptTokens"]!.GetValue<int>() < t["originalTokens"]!.GetValue<int>()));
        Assert.Empty(manifest["drops"]!.AsArray());
        var user = Assert.Single(server.Requests)["messages"]!.AsArray()[1]!["content"]!.ToString();
        Assert.Contains("## Output of upstream node `r199`", user, StringComparison.Ordinal);
        Assert.Contains(ContextItems.TrimmedMarker, user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_FanInThatFits_TrimsNothing()
    {
        var (result, manifest, server) = await RunAsync(20);
        await using var _ = server;

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(manifest["trims"]!.AsArray());
        Assert.Equal(21, manifest["sections"]!.AsArray().Count(s => s!["kind"]!.GetValue<string>() is "upstream" or "input"));
    }

    [Fact]
    public async Task ExecuteAsync_ContextMaxTokensWithoutRepo_RaisesTheBudgetSoNothingIsTrimmed()
    {
        var (result, manifest, server) = await RunAsync(200, new NodeContext(null, [], 40_000));
        await using var _ = server;

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(40_000, manifest["budgetTokens"]!.GetValue<int>());
        Assert.Empty(manifest["trims"]!.AsArray());
        Assert.DoesNotContain(ContextItems.TrimmedMarker, Assert.Single(server.Requests)["messages"]!.AsArray()[1]!["content"]!.ToString(), StringComparison.Ordinal);
    }
}
