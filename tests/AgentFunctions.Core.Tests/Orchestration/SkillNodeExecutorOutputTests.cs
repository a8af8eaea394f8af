using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Models.Recorded;
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

/// <summary>Input and output schemas, one repair attempt, and routing by role — against a local OpenAI wire-protocol server.</summary>
public sealed class SkillNodeExecutorOutputTests
{
    private const string ValidPlan = "{\"summary\":\"returns 41\",\"target_files\":[\"answer/core.py\"],\"tasks\":{\"python_fixer\":\"return 42\",\"test_writer\":\"nothing to do\",\"frontend_fixer\":\"nothing to do\"}}";
    private static readonly SkillCatalog s_skills = SkillCatalog.Load(Path.Combine(TestPaths.RepositoryRoot, "skills"));

    private static async Task<NodeResult> RunAsync(string skill, JsonObject input, ModelRouter router)
    {
        var executor = TestExecutors.Create(s_skills, router);
        var node = new GraphNode("n", NodeKind.Skill, skill, [], [], null, NodePolicy.Default, 1);
        var graph = new GraphDefinition("g", null, [], new GraphBudget(null), [node], "yaml", "hash");
        return await executor.ExecuteAsync(new NodeExecutionContext("run-1", graph, node, 1, input, new Dictionary<string, JsonNode?>(), 1m), CancellationToken.None);
    }

    private static ModelRouter Live(FakeOpenAIServer server) =>
        RouterFactory.Create(new Dictionary<string, string?> { ["Models:OpenAI:Endpoint"] = server.Endpoint.ToString() });

    [Fact]
    public async Task InvalidAnswer_IsRepairedOnce_AndBothCallsAreCounted()
    {
        var replies = new Queue<string>(["Sure! Here is the plan: fix it.", ValidPlan]);
        await using var server = FakeOpenAIServer.Start(_ => replies.Dequeue());
        using var router = Live(server);

        var result = await RunAsync("engineering/planner", new JsonObject { ["issue"] = "answer() returns 41" }, router);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("returns 41", result.Output!["summary"]!.GetValue<string>());
        Assert.True(result.Details!["repair"]!["succeeded"]!.GetValue<bool>());
        Assert.Contains("not a JSON object", result.Details["repair"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
        var repairPrompt = server.Requests.Last()["messages"]!.AsArray();
        Assert.Equal("assistant", repairPrompt[2]!["role"]!.GetValue<string>());
        Assert.Equal(["skill", "repair"], result.Details["attempts"]!.AsArray().Select(a => a!["purpose"]!.GetValue<string>()));
        // The server reports prompt tokens as characters / 4 of each request: the node's usage is the sum of both calls.
        Assert.Equal(server.Requests.Sum(r => r["messages"]!.AsArray().Sum(m => m!["content"]!.ToString().Length) / 4), result.InputTokens);
    }

    [Fact]
    public async Task AnswerInvalidTwice_FailsWithBothReasons()
    {
        await using var server = FakeOpenAIServer.Start(_ => "{\"summary\": \"\"}");
        using var router = Live(server);

        var result = await RunAsync("engineering/planner", new JsonObject { ["issue"] = "x" }, router);

        Assert.False(result.Succeeded);
        Assert.Contains("does not match the output_schema", result.Error, StringComparison.Ordinal);
        Assert.Contains("after one repair attempt", result.Error, StringComparison.Ordinal);
        // Each schema error names its field: the repair prompt tells the model what to fix.
        Assert.Contains("/summary: The string has 0 characters; at least 1 are required.", result.Error, StringComparison.Ordinal);
        Assert.Contains("(root): The required property 'target_files' is missing.", result.Error, StringComparison.Ordinal);
        Assert.Contains("/summary: The string has 0 characters", server.Requests.Last()["messages"]!.AsArray().Last()!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
        Assert.True(result.CostUsd > 0, "the calls that happened are still paid for");
    }

    [Fact]
    public async Task InputNotMatchingTheInputSchema_FailsBeforeAnyCall()
    {
        await using var server = FakeOpenAIServer.Start(_ => ValidPlan);
        using var router = Live(server);

        var result = await RunAsync("engineering/planner", new JsonObject { ["repo"] = "x" }, router);

        Assert.False(result.Succeeded);
        Assert.Contains("input_schema", result.Error, StringComparison.Ordinal);
        Assert.Contains("(root): The required property 'issue' is missing.", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Manager_WithALiveModel_RoutesByTheModelsAnswerAndRunsTheSpecialist()
    {
        await using var server = FakeOpenAIServer.Start(body =>
            body["messages"]![0]!["content"]!.GetValue<string>().Contains("Plan a bug fix", StringComparison.Ordinal)
                ? ValidPlan
                : "{\"route\": \"engineering/planner\", \"reason\": \"a failing test is an engineering bug\"}");
        using var router = Live(server);

        var result = await RunAsync("platform/classifier", new JsonObject { ["message"] = "a failing test", ["issue"] = "answer() returns 41" }, router);

        Assert.True(result.Succeeded, result.Error);
        var routing = result.Details!["routing"]!;
        Assert.Equal(("engineering/planner", "model"), (routing["route"]!.GetValue<string>(), routing["method"]!.GetValue<string>()));
        Assert.Equal("engineering/planner", result.Details["routed_to"]!.GetValue<string>());
        Assert.Equal("returns 41", result.Output!["summary"]!.GetValue<string>());
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Manager_WithoutALiveModel_RoutesByKeywords()
    {
        var recordings = Directory.CreateTempSubdirectory("recordings-").FullName;
        using var store = new RecordingStore(recordings);
        using var router = RouterFactory.Create(new Dictionary<string, string?>(), store);

        var result = await RunAsync("platform/classifier", new JsonObject { ["message"] = "please screen this candidate's resume" }, router);

        var routing = result.Details!["routing"]!;
        Assert.Equal(("hr/resume-screen", "keywords"), (routing["route"]!.GetValue<string>(), routing["method"]!.GetValue<string>()));
        Assert.False(result.Succeeded); // forwarded to the specialist, which has no recording for this input
        Assert.Contains("No recorded response for skill 'hr/resume-screen'", result.Error, StringComparison.Ordinal);
        Directory.Delete(recordings, recursive: true);
    }
}
