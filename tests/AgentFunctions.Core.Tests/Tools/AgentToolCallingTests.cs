using System.Diagnostics;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Execution;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tests.Models;
using AgentFunctions.Core.Tools;
using AgentFunctions.Core.Tools.Agent;
using AgentFunctions.Core.Tools.Mcp;
using AgentFunctions.Core.Tools.Processes;
using AgentFunctions.Core.Tools.Security;
using AgentFunctions.Core.Tools.Testing;
using AgentFunctions.Core.Tools.Workspaces;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Tools;

/// <summary>
/// A skill node whose model calls tools, against a local OpenAI-compatible server that answers with tool calls and a small MCP
/// server (the official SDK over HTTP): a project tool and an MCP tool run and their results go back to the model; a tool the
/// node does not have, arguments that do not match a tool's schema and a call over the node's limit are refused with the reason
/// recorded; every model turn is priced.
/// </summary>
public sealed class AgentToolCallingTests : IAsyncLifetime
{
    private const string Skill = """
        ---
        name: fixer
        role: specialist
        domain: eng
        model: openai/gpt-4o-mini
        output: json
        max_output_tokens: 500
        tools: [read_file, list_files, "mcp:glossary"]
        max_tool_calls: 4
        input_schema:
          type: object
          required: [issue]
          properties:
            issue: { type: string }
        output_schema:
          type: object
          required: [summary]
          properties:
            summary: { type: string }
        ---
        # Fix it

        ## Task
        Read the code with the tools and say what is wrong.
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("agent-tools-").FullName;
    private FakeMcpServer _mcp = null!;

    public async Task InitializeAsync()
    {
        _mcp = await FakeMcpServer.StartAsync();
        Directory.CreateDirectory(Path.Combine(_root, "skills", "eng", "fixer"));
        await File.WriteAllTextAsync(Path.Combine(_root, "skills", "eng", "DOMAIN.md"),
            $"---\nname: eng\nmcp_servers:\n  glossary:\n    url: {_mcp.Endpoint}\n---\nEngineering.\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "skills", "eng", "fixer", "SKILL.md"), Skill);
    }

    public async Task DisposeAsync()
    {
        await _mcp.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task ExecuteAsync_ModelCallsProjectAndMcpTools_ResultsGoBackAndEveryCallIsRecordedAndPriced()
    {
        // The fake model answers by the number of tool results it has received so far.
        await using var server = FakeOpenAIServer.Start(body => (body["messages"]!.AsArray().Count(m => m!["role"]!.GetValue<string>() == "tool")) switch
        {
            0 => FakeModelReply.Tools(
                new FakeToolCall("c1", "read_file", """{"path":"answer/core.py"}"""),
                new FakeToolCall("c2", "glossary_lookup", """{"term":"answer"}"""),
                new FakeToolCall("c3", "shell", """{"command":"cat /etc/passwd"}""")) with { InputTokens = 1000, OutputTokens = 100 },
            3 => FakeModelReply.Tools(
                new FakeToolCall("c4", "read_file", """{"file":"answer/core.py"}"""),
                new FakeToolCall("c5", "list_files", """{"pattern":"tests/*.py"}""")) with { InputTokens = 1000, OutputTokens = 100 },
            5 => FakeModelReply.Tools(new FakeToolCall("c6", "read_file", """{"path":"tests/test_core.py"}""")) with { InputTokens = 1000, OutputTokens = 100 },
            _ => new FakeModelReply("""{"summary":"answer() returns 41; the glossary says 42"}""") { InputTokens = 1000, OutputTokens = 100 },
        });
        using var router = RouterFactory.Create(new Dictionary<string, string?> { ["Models:OpenAI:Endpoint"] = server.Endpoint.ToString() });
        var executor = Executor(router);
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "AgentFunctions",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var node = new GraphNode("fix", NodeKind.Skill, "eng/fixer", [], [], new NodeContext("examples/sample-repo", [], null), NodePolicy.Default, 1);
        var graph = new GraphDefinition("g", null, [], new GraphBudget(1m), [node], "yaml", "hash");

        var result = await executor.ExecuteAsync(
            new NodeExecutionContext("run-tools", graph, node, 1, new JsonObject { ["issue"] = "wrong answer" }, new Dictionary<string, JsonNode?>(), 1m), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("answer() returns 41; the glossary says 42", result.Output!["summary"]!.GetValue<string>());
        var calls = result.Details!["tool_calls"]!.AsArray().Select(c => (c!["call_id"]!.GetValue<string>(), c["name"]!.GetValue<string>(), c["outcome"]!.GetValue<string>(), c["source"]?.GetValue<string>())).OrderBy(c => c.Item1).ToList();
        Assert.Equal(
            [("c1", "read_file", "ok", "project"), ("c2", "glossary_lookup", "ok", "mcp:glossary"), ("c3", "shell", "refused", null),
             ("c4", "read_file", "refused", "project"), ("c5", "list_files", "ok", "project"), ("c6", "read_file", "refused", "project")],
            calls);
        string Reason(string id) => result.Details["tool_calls"]!.AsArray().Single(c => c!["call_id"]!.GetValue<string>() == id)!["reason"]!.GetValue<string>();
        Assert.Contains("not a tool this node may use", Reason("c3"), StringComparison.Ordinal);
        Assert.Contains("do not match the parameters of read_file", Reason("c4"), StringComparison.Ordinal);
        Assert.Contains("path", Reason("c4"), StringComparison.Ordinal);
        Assert.Contains("at most 4 tool calls", Reason("c6"), StringComparison.Ordinal);

        // The results went back to the model: the second request carries the file's text and the MCP server's answer.
        var second = server.Requests.ElementAt(1).ToJsonString();
        Assert.Contains("return 41", second, StringComparison.Ordinal);
        Assert.Contains("must return is 42", second, StringComparison.Ordinal);
        Assert.Contains("answer", FakeMcpServer.Lookups);
        Assert.Contains("tests/test_core.py", server.Requests.ElementAt(2).ToJsonString(), StringComparison.Ordinal);

        // Four model turns, each priced: 4 × (1000 × $0.15 + 100 × $0.60) per 1M tokens.
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(4, result.Details["model_turns"]!.GetValue<int>());
        Assert.Equal((4000L, 400L, 0.00084m), (result.InputTokens, result.OutputTokens, result.CostUsd));

        // The pipeline's OpenTelemetry layer: a GenAI span per tool execution and per model turn.
        Assert.Contains(spans, a => a.DisplayName == "execute_tool glossary_lookup" && (string?)a.GetTagItem("gen_ai.tool.name") == "glossary_lookup");
        Assert.Contains(spans, a => (string?)a.GetTagItem("gen_ai.operation.name") == "chat" && (string?)a.GetTagItem("gen_ai.request.model") == "gpt-4o-mini"
            && a.GetTagItem("gen_ai.usage.input_tokens") is 1000 or 1000L);
    }

    [Fact]
    public async Task ExecuteAsync_BudgetRunsOutAfterAToolCall_TheNextToolCallIsRefusedAndTheNodeFailsWithTheBudgetReason()
    {
        await using var server = FakeOpenAIServer.Start(_ =>
            FakeModelReply.Tools(new FakeToolCall("c1", "list_files", "{}")) with { InputTokens = 2000, OutputTokens = 500 });
        using var router = RouterFactory.Create(new Dictionary<string, string?> { ["Models:OpenAI:Endpoint"] = server.Endpoint.ToString() });
        var node = new GraphNode("fix", NodeKind.Skill, "eng/fixer", [], [], new NodeContext("examples/sample-repo", [], null), NodePolicy.Default, 1);
        var graph = new GraphDefinition("g", null, [], new GraphBudget(1m), [node], "yaml", "hash");

        // The first turn costs $0.0006; the reservation of $0.0008 does not cover a second turn on top of it.
        var result = await Executor(router).ExecuteAsync(
            new NodeExecutionContext("run-budget", graph, node, 1, new JsonObject { ["issue"] = "x" }, new Dictionary<string, JsonNode?>(), 0.0008m), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("reserved for this node", result.Error, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        var call = Assert.Single(result.Details!["tool_calls"]!.AsArray());
        Assert.Equal("refused", call!["outcome"]!.GetValue<string>());
        Assert.Equal(0.0006m, result.CostUsd);
    }

    private SkillNodeExecutor Executor(Core.Models.ModelRouter router)
    {
        var skills = SkillCatalog.Load(Path.Combine(_root, "skills"));
        Assert.DoesNotContain(skills.Issues, i => i.IsError);
        return Orchestration.TestExecutors.Create(skills, router, Path.Combine(_root, "work"), (workspaces, processes) => new ToolRegistry([
            new TestsRunTool(workspaces, new TestSuiteRunner(processes, Options.Create(new TestRunOptions()), NullLogger<TestSuiteRunner>.Instance)),
            new SecurityScanTool(NullLogger<SecurityScanTool>.Instance)]));
    }
}
