using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentFunctions.Functions.Tests;

/// <summary>
/// The MCP endpoint of the running app through the SDK's own client (<see cref="McpClient"/> over <see cref="HttpClientTransport"/>,
/// Streamable HTTP): a domain's skills are its tools, a call runs the skill on recorded responses and returns its output,
/// bad arguments and unknown domains are refused with reasons.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class McpEndpointTests(AppFixture fixture)
{
    private readonly AppHarness _app = fixture.Harness;

    private async Task<McpClient> ConnectAsync(string domain) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_app.Http.BaseAddress!, $"api/domains/{domain}/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {_app.App.AdminKey}" },
        }));

    [Fact]
    public async Task ListTools_EachDomain_ListsItsSkillsOnly_WithTheirSchemas()
    {
        await using var hr = await ConnectAsync("hr");
        await using var engineering = await ConnectAsync("engineering");

        var hrTools = await hr.ListToolsAsync();
        var engineeringTools = await engineering.ListToolsAsync();

        Assert.Equal(["resume-screen"], hrTools.Select(t => t.Name));
        Assert.Equal(["frontend-fixer", "planner", "python-fixer", "test-writer"], engineeringTools.Select(t => t.Name));
        var screen = hrTools.Single().ProtocolTool;
        Assert.Equal("hr/resume-screen", screen.Title);
        Assert.Contains("evaluate candidate fit", screen.Description, StringComparison.Ordinal); // the skill's ## Task
        Assert.Equal("""{"type":"object"}""", screen.InputSchema.GetRawText()); // the skill declares no input_schema
        var planner = engineeringTools.Single(t => t.Name == "planner").ProtocolTool;
        Assert.Equal(["issue"], planner.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["summary", "target_files", "tasks"], planner.OutputSchema!.Value.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("engineering/planner", planner.Meta!["agentfunctions.dev/skill"]!.GetValue<string>());
    }

    [Fact]
    public async Task CallTool_ResumeScreenOnRecordedResponses_ReturnsTheSkillsOutputAndItsRun()
    {
        var fixtureInput = JsonSerializer.Deserialize<Dictionary<string, object?>>(
            File.ReadAllText(Path.Combine(AppHarness.RepositoryRoot, "skills", "hr", "resume-screen", "fixtures", "sample_input.json")))!;
        await using var client = await ConnectAsync("hr");

        var result = await client.CallToolAsync("resume-screen", fixtureInput);

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.True(result.IsError is not true, text);
        var output = JsonNode.Parse(text)!;
        Assert.Equal(65, output["fit_score"]!.GetValue<int>()); // the recorded answer in examples/recordings/hr/resume-screen.json
        Assert.Equal(65, result.StructuredContent!.Value.GetProperty("fit_score").GetInt32());
        var run = result.Meta!["agentfunctions.dev/run"]!;
        Assert.Equal(("succeeded", true, "anthropic/claude-sonnet-4.5"), (run["status"]!.GetValue<string>(), run["recorded"]!.GetValue<bool>(), run["model"]!.GetValue<string>()));
        var view = await _app.GetRunAsync(run["runId"]!.GetValue<string>()); // a real run of the skill, addressable afterwards
        Assert.Equal("hr/resume-screen", view["nodes"]![0]!["target"]!.GetValue<string>());
        Assert.Equal(run["costUsd"]!.GetValue<decimal>(), view["costUsd"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task CallTool_ArgumentsAgainstTheInputSchema_IsAnErrorResultNamingTheField()
    {
        await using var client = await ConnectAsync("engineering");

        var result = await client.CallToolAsync("planner", new Dictionary<string, object?> { ["issue"] = 42 });

        Assert.True(result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains("input_schema of engineering/planner", text, StringComparison.Ordinal);
        Assert.Contains("issue", text, StringComparison.Ordinal);
        Assert.Equal("failed", result.Meta!["agentfunctions.dev/run"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CallTool_InputWithoutARecording_IsAnErrorResultSayingHowToConfigureAModel()
    {
        await using var client = await ConnectAsync("hr");

        var result = await client.CallToolAsync("resume-screen", new Dictionary<string, object?> { ["resume_text"] = "Ada, compilers, 10 years.", ["job_description"] = "Compiler engineer" });

        Assert.True(result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains("No recorded response for skill 'hr/resume-screen'", text, StringComparison.Ordinal);
        Assert.Contains("Configure a live model", text, StringComparison.Ordinal);
        Assert.Null(result.StructuredContent);
    }

    [Fact]
    public async Task CallTool_ASkillOfAnotherDomain_IsAnUnknownTool()
    {
        await using var client = await ConnectAsync("hr");

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("planner", new Dictionary<string, object?> { ["issue"] = "x" }).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("Unknown tool 'planner'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDomain_Is404ProblemDetails_AndGetIs405()
    {
        var initialize = new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { protocolVersion = "2025-11-25", capabilities = new { }, clientInfo = new { name = "test", version = "1" } } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/domains/nope/mcp") { Content = JsonContent.Create(initialize) };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var missing = await _app.Http.SendAsync(request);
        using var get = await _app.Http.GetAsync("api/domains/hr/mcp");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("domain-not-found", (await missing.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(["POST"], get.Content.Headers.Allow);
    }
}
