using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools;
using AgentFunctions.Core.Tools.Shell;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Tools;

/// <summary>What graphs read from shell nodes: JSON printed on stdout, and the loop iteration.</summary>
public sealed class ShellToolJsonTests : IDisposable
{
    private readonly ToolSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private ShellTool Tool => new(_sandbox.Runner, _sandbox.Workspaces, Options.Create(new ShellToolOptions { Enabled = true }), NullLogger<ShellTool>.Instance);

    [Theory]
    [InlineData("echo '{\"files\": [\"a.py\"]}'", """{"files":["a.py"]}""")]
    [InlineData("echo '  [1, 2]  '", "[1,2]")]
    public async Task ExecuteAsync_StdoutIsJson_AddsTheParsedValue(string command, string expected)
    {
        var result = await Tool.ExecuteAsync(ToolSandbox.Invocation(new JsonObject { ["command"] = command }), default);

        Assert.Equal(expected, result.Output["json"]!.ToJsonString());
    }

    [Theory]
    [InlineData("echo hello")]
    [InlineData("echo '{not json}'")]
    [InlineData("echo 42")]
    public async Task ExecuteAsync_StdoutIsNotAJsonObjectOrArray_HasNoJson(string command)
    {
        var result = await Tool.ExecuteAsync(ToolSandbox.Invocation(new JsonObject { ["command"] = command }), default);

        Assert.False(result.Output.ContainsKey("json"));
    }

    [Fact]
    public async Task ExecuteAsync_LaterIteration_SeesItAndGetsItsOwnFolder()
    {
        var invocation = ToolSandbox.Invocation(new JsonObject { ["command"] = "echo \"$AF_ITERATION\"; pwd" }, "tester", 1) with { Iteration = 2 };

        var result = await Tool.ExecuteAsync(invocation, default);

        var expected = Path.Combine(_sandbox.WorkspaceOptions.WorkRoot, "run-1", "tester.i2-a1");
        Assert.Equal($"2\n{expected}\n", (string)result.Output["output"]!);
    }
}
