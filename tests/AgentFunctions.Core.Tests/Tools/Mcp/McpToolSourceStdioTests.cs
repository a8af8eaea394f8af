using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tools.Mcp;
using AgentFunctions.Core.Tools.Processes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Tools.Mcp;

/// <summary>
/// The MCP client on a stdio server: a process the source starts (a small Python MCP server speaking JSON-RPC over stdin and
/// stdout), its tools listed and renamed for the model, a call answered by the process, and the process stopped on dispose.
/// </summary>
public sealed class McpToolSourceStdioTests
{
    private static readonly string s_server = Path.Combine(AppContext.BaseDirectory, "Tools", "Mcp", "stdio_mcp_server.py");

    [Fact]
    public async Task GetToolsAsync_StdioServer_ListsItsToolsAndCallsReachTheProcess()
    {
        var domain = Domain(new McpServerDefinition("words", "python3", [s_server], new Dictionary<string, string>(), null, null, new Dictionary<string, string>()));
        await using var source = new McpToolSource(NullLogger<McpToolSource>.Instance);

        var tools = await source.GetToolsAsync(domain, "words", null);

        var tool = Assert.Single(tools);
        Assert.Equal(("words_word_count", "mcp:words"), (tool.Function.Name, tool.Source));
        Assert.Contains("(root): The required property 'text' is missing.", tool.Schema!.Validate(new System.Text.Json.Nodes.JsonObject()).Select(e => e.ToString()));
        var result = await tool.Function.InvokeAsync(new AIFunctionArguments { ["text"] = "the answer is 42" });
        Assert.Contains("4 words", System.Text.Json.JsonSerializer.Serialize(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToolsAsync_UnknownServerOrTool_SaysWhichAndWhatExists()
    {
        var domain = Domain(new McpServerDefinition("words", "python3", [s_server], new Dictionary<string, string>(), null, null, new Dictionary<string, string>()));
        await using var source = new McpToolSource(NullLogger<McpToolSource>.Instance);

        var noServer = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetToolsAsync(domain, "docs", null));
        var noTool = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetToolsAsync(domain, "words", "translate"));

        Assert.Contains("'docs' is not configured for domain 'eng'", noServer.Message, StringComparison.Ordinal);
        Assert.Contains("has no tool 'translate'; it has word_count", noTool.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToolsAsync_ServerThatCannotStart_FailsNamingIt()
    {
        var domain = Domain(new McpServerDefinition("broken", "/nonexistent/mcp-server", [], new Dictionary<string, string>(), null, null, new Dictionary<string, string>()));
        var sandbox = Options.Create(new SandboxOptions { AllowedCommands = ["/nonexistent/mcp-server"] });
        await using var source = new McpToolSource(NullLogger<McpToolSource>.Instance, sandbox: sandbox);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetToolsAsync(domain, "broken", null));

        Assert.Contains("MCP server 'broken' (eng/broken) could not be reached", error.Message, StringComparison.Ordinal);
    }

    private static DomainDefinition Domain(McpServerDefinition server) =>
        new("eng", null, null, null, null, null, null) { McpServers = new Dictionary<string, McpServerDefinition> { [server.Name] = server } };
}
