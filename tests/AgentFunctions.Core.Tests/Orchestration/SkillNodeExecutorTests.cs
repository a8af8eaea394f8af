using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Execution;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tests.Models;
using AgentFunctions.Core.Tools.Processes;
using AgentFunctions.Core.Tools.Workspaces;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>The skill executor calls the router with a budget gate for the node's reservation and reports every attempt.</summary>
public sealed class SkillNodeExecutorTests
{
    private static readonly SkillCatalog s_skills = SkillCatalog.Load(Path.Combine(TestPaths.RepositoryRoot, "skills"));

    private static async Task<(NodeResult Result, FakeOpenAIServer Server)> RunPlannerAsync(Func<string, FakeModelReply> byModel, decimal reservedUsd)
    {
        var server = FakeOpenAIServer.Start(body => byModel(body["model"]!.GetValue<string>()));
        // The planner's model gpt-4o-mini falls back to gpt-4o here, which costs about 16 times as much.
        using var router = RouterFactory.Create(new Dictionary<string, string?>
        {
            ["Models:OpenAI:Endpoint"] = server.Endpoint.ToString(),
            ["Models:Pool:openai/gpt-4o-mini:Fallbacks:0"] = "openai/gpt-4o",
        });
        var executor = TestExecutors.Create(s_skills, router);
        var node = new GraphNode("planner", NodeKind.Skill, "engineering/planner", [], [], null, NodePolicy.Default, 1);
        var graph = new GraphDefinition("g", null, [], new GraphBudget(1m), [node], "yaml", "hash");
        var context = new NodeExecutionContext("run-1", graph, node, 1, new JsonObject { ["issue"] = "answer() returns 41" }, new Dictionary<string, JsonNode?>(), reservedUsd);
        return (await executor.ExecuteAsync(context, CancellationToken.None), server);
    }

    [Fact]
    public async Task ExecuteAsync_FallbackOverTheReservation_IsRefusedBeforeItsCallAndTheNodeFailsWithTheReason()
    {
        var (result, server) = await RunPlannerAsync(m => m == "gpt-4o-mini" ? FakeModelReply.Status(429) : new FakeModelReply("{}"), reservedUsd: 0.002m);
        await using var _ = server;

        Assert.False(result.Succeeded);
        Assert.StartsWith("No model answered for openai/gpt-4o-mini after 2 attempt(s)", result.Error, StringComparison.Ordinal);
        Assert.Contains("Budget: estimated cost", result.Error, StringComparison.Ordinal);
        var attempts = result.Details!["attempts"]!.AsArray();
        Assert.Equal(["rate_limited", "refused_by_budget"], attempts.Select(a => a!["outcome"]!.GetValue<string>()));
        Assert.Equal("openai/gpt-4o", attempts[1]!["model"]!.GetValue<string>());
        Assert.Equal(0, server.RequestsFor("gpt-4o"));
    }

    private const string ValidPlan = "{\"summary\":\"returns 41\",\"target_files\":[\"answer/core.py\"],\"tasks\":{\"python_fixer\":\"return 42\",\"test_writer\":\"nothing to do\",\"frontend_fixer\":\"nothing to do\"}}";

    [Fact]
    public async Task ExecuteAsync_FallbackWithinTheReservation_AnswersAndRecordsAttemptsReasonAndCache()
    {
        var (result, server) = await RunPlannerAsync(m => m == "gpt-4o-mini" ? FakeModelReply.Status(503) : new FakeModelReply(ValidPlan), reservedUsd: 1m);
        await using var _ = server;

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(("openai/gpt-4o", "openai"), (result.Model, result.Provider));
        Assert.Equal(["server_error", "answered"], result.Details!["attempts"]!.AsArray().Select(a => a!["outcome"]!.GetValue<string>()));
        Assert.False(result.Details["cached"]!.GetValue<bool>());
        Assert.Contains("fallback 1 of openai/gpt-4o-mini", result.Details["model_reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
