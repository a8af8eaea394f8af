using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools.Shell;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class ShellToolTests : IDisposable
{
    private readonly ToolSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task ExecuteAsync_Disabled_RefusesAndSaysHowToEnable()
    {
        var marker = Path.Combine(_sandbox.Root, "ran");
        var tool = CreateTool(enabled: false);

        var result = await tool.ExecuteAsync(ToolSandbox.Invocation(new JsonObject { ["command"] = $"touch '{marker}'" }), default);

        Assert.False(result.Succeeded);
        Assert.Contains("Tools:Shell:Enabled=true", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task ExecuteAsync_Enabled_RunsInAttemptFolderWithRunVariables()
    {
        var counter = Path.Combine(_sandbox.Root, "count");
        var tool = CreateTool(enabled: true);
        var arguments = new JsonObject { ["command"] = $"echo \"$AF_RUN_ID/$AF_NODE_ID/$AF_ATTEMPT\" >> '{counter}'; pwd" };

        var result = await tool.ExecuteAsync(ToolSandbox.Invocation(arguments, "counter", 3), default);
        await tool.ExecuteAsync(ToolSandbox.Invocation(arguments, "counter", 3), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(0, (int)result.Output["exit_code"]!);
        Assert.Equal(Path.Combine(_sandbox.WorkspaceOptions.WorkRoot, "run-1", "counter-a3") + "\n", (string)result.Output["output"]!);
        Assert.Equal(["run-1/counter/3", "run-1/counter/3"], await File.ReadAllLinesAsync(counter));
    }

    [Fact]
    public async Task ExecuteAsync_NonZeroExit_FailsWithOutput()
    {
        var result = await CreateTool(enabled: true).ExecuteAsync(
            ToolSandbox.Invocation(new JsonObject { ["command"] = "echo boom >&2; exit 4" }), default);

        Assert.False(result.Succeeded);
        Assert.Equal(4, (int)result.Output["exit_code"]!);
        Assert.Equal("boom\n", (string)result.Output["output"]!);
    }

    [Fact]
    public async Task ExecuteAsync_Timeout_KillsCommand()
    {
        var result = await CreateTool(enabled: true).ExecuteAsync(
            ToolSandbox.Invocation(new JsonObject { ["command"] = "sleep 300", ["timeout"] = 0.3 }), default);

        Assert.False(result.Succeeded);
        Assert.True((bool)result.Output["timed_out"]!);
        Assert.Equal(137, (int)result.Output["exit_code"]!); // 128 + SIGKILL: killed, not left to finish
        Assert.True((long)result.Output["duration_ms"]! >= 300, $"returned after {result.Output["duration_ms"]} ms, before the timeout");
        Assert.Contains("timed out after 0.3 s", result.Error, StringComparison.Ordinal);
    }

    private ShellTool CreateTool(bool enabled) => new(
        _sandbox.Runner,
        _sandbox.Workspaces,
        Options.Create(new ShellToolOptions { Enabled = enabled }),
        NullLogger<ShellTool>.Instance);
}
