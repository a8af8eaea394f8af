using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tools;
using AgentFunctions.Core.Tools.Mcp;
using AgentFunctions.Core.Tools.Patches;
using AgentFunctions.Core.Tools.Processes;
using AgentFunctions.Core.Tools.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Tools.Sandbox;

/// <summary>
/// The sandbox on real processes: a child started by the runner or as a stdio MCP server does not see a secret-looking
/// variable of the host, and a test command or MCP server whose program is not allowed is refused with a message naming
/// the program and the setting. The host variable has a unique name and is removed after the test.
/// </summary>
public sealed class SandboxProcessTests : IDisposable
{
    private const string PrintEnvironment = "import os, json; print(json.dumps(dict(os.environ)))";

    private readonly string _secretName = $"AF_SANDBOX_TEST_{Guid.NewGuid():N}_TOKEN";
    private readonly ToolSandbox _sandbox = new();

    public SandboxProcessTests() => Environment.SetEnvironmentVariable(_secretName, "do-not-leak");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_secretName, null);
        _sandbox.Dispose();
    }

    [Fact]
    public async Task RunAsync_HostHasSecretLookingVariable_ChildLacksItButKeepsPathAndExplicitVariables()
    {
        var result = await _sandbox.Runner.RunAsync(new ProcessRequest("python3", ["-c", PrintEnvironment])
        {
            Environment = new Dictionary<string, string?> { ["GIVEN_TOKEN"] = "on-purpose" },
        });

        Assert.True(result.Succeeded, result.StandardError);
        var child = JsonNode.Parse(result.StandardOutput)!.AsObject();
        Assert.False(child.ContainsKey(_secretName), $"{_secretName} reached the child");
        // A python3 shim (pyenv) may put its own folder in front; the host's PATH must still be all there.
        Assert.EndsWith(Environment.GetEnvironmentVariable("PATH")!, (string?)child["PATH"], StringComparison.Ordinal);
        Assert.Equal("on-purpose", (string?)child["GIVEN_TOKEN"]);
    }

    [Fact]
    public async Task TestsRun_CommandNotAllowed_RefusedBeforeAnyWorkingCopyNamingTheSetting()
    {
        var tool = new TestsRunTool(_sandbox.Workspaces, _sandbox.Tests);
        var arguments = new JsonObject { ["repo"] = ToolSandbox.Repo, ["command"] = "rm -rf ." };

        var error = await Assert.ThrowsAsync<ToolArgumentException>(() => tool.ExecuteAsync(ToolSandbox.Invocation(arguments), default));

        Assert.StartsWith("Tool 'tests.run', argument 'command': The command 'rm' is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tools__Sandbox__AllowedCommands__N", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_sandbox.WorkspaceOptions.WorkRoot), "a working copy was made for a refused command");
    }

    [Fact]
    public async Task PatchSelect_TestCommandNotAllowed_Refused()
    {
        var tool = new PatchSelectTool(_sandbox.Workspaces, _sandbox.Tests, NullLogger<PatchSelectTool>.Instance);
        var arguments = new JsonObject
        {
            ["repo"] = ToolSandbox.Repo,
            ["candidates"] = new JsonObject { ["a"] = ToolSandbox.Patch(SamplePatches.FixAnswer) },
            ["test_command"] = new JsonArray("curl", "https://example.com"),
        };

        var error = await Assert.ThrowsAsync<ToolArgumentException>(() => tool.ExecuteAsync(ToolSandbox.Invocation(arguments), default));

        Assert.Contains("argument 'test_command': The command 'curl' is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestSuiteRunner_ConfiguredFullPath_RunsItAndRefusesWhatTheListNoLongerHolds()
    {
        var python = ExecutableLocator.Find("python3")!;
        var runner = new TestSuiteRunner(_sandbox.Runner, Options.Create(new TestRunOptions()), NullLogger<TestSuiteRunner>.Instance,
            Options.Create(new SandboxOptions { AllowedCommands = [python] }));
        var folder = Directory.CreateDirectory(Path.Combine(_sandbox.Root, "copy")).FullName;

        var report = await runner.RunAsync(folder, [python, "-c", "print('Ran 1 test')"]);
        var refused = await Assert.ThrowsAsync<CommandNotAllowedException>(() => runner.RunAsync(folder));

        Assert.True(report.Passed, report.Output);
        Assert.Equal("python3", refused.Command);
        Assert.Contains("It is the default test command, Tools:Tests:DefaultCommand", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task McpStdioServer_HostHasSecretLookingVariable_ServerLacksItButGetsItsOwnEnv()
    {
        var envFile = Path.Combine(_sandbox.Root, "mcp-env.json");
        var server = new McpServerDefinition("words", "python3", [Path.Combine(AppContext.BaseDirectory, "Tools", "Mcp", "stdio_mcp_server.py")],
            new Dictionary<string, string> { ["MCP_TEST_ENV_FILE"] = envFile }, null, null, new Dictionary<string, string>());
        await using var source = new McpToolSource(NullLogger<McpToolSource>.Instance);

        await source.GetToolsAsync(Domain(server), "words", null);

        var child = JsonNode.Parse(await File.ReadAllTextAsync(envFile))!.AsObject();
        Assert.False(child.ContainsKey(_secretName), $"{_secretName} reached the MCP server");
        // A python3 shim (pyenv) may put its own folder in front; the host's PATH must still be all there.
        Assert.EndsWith(Environment.GetEnvironmentVariable("PATH")!, (string?)child["PATH"], StringComparison.Ordinal);
        Assert.Equal(envFile, (string?)child["MCP_TEST_ENV_FILE"]);
    }

    [Fact]
    public async Task McpStdioServer_CommandNotAllowed_RefusedNamingServerCommandAndSetting()
    {
        var server = new McpServerDefinition("sh", "bash", ["-c", "cat"], new Dictionary<string, string>(), null, null, new Dictionary<string, string>());
        await using var source = new McpToolSource(NullLogger<McpToolSource>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetToolsAsync(Domain(server), "sh", null));

        Assert.StartsWith("MCP server 'sh' of domain 'eng' was not started: The command 'bash' is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tools__Sandbox__AllowedCommands__N", error.Message, StringComparison.Ordinal);
    }

    private static DomainDefinition Domain(McpServerDefinition server) =>
        new("eng", null, null, null, null, null, null) { McpServers = new Dictionary<string, McpServerDefinition> { [server.Name] = server } };
}
