using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools;
using AgentFunctions.Core.Tools.Testing;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class TestsRunToolTests : IDisposable
{
    private readonly ToolSandbox _sandbox = new();
    private readonly TestsRunTool _tool;

    public TestsRunToolTests() => _tool = new TestsRunTool(_sandbox.Workspaces, _sandbox.Tests);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task ExecuteAsync_SampleRepoAsShipped_FailsOneTest()
    {
        var result = await _tool.ExecuteAsync(ToolSandbox.Invocation(new JsonObject { ["repo"] = ToolSandbox.Repo }), default);

        Assert.False(result.Succeeded);
        Assert.False((bool)result.Output["passed"]!);
        Assert.Equal(1, (int)result.Output["exit_code"]!);
        Assert.Equal(1, (int)result.Output["tests_run"]!);
        Assert.Equal(1, (int)result.Output["failures"]!);
        Assert.Equal(0, (int)result.Output["errors"]!);
        Assert.Equal(TestRunOptions.PythonUnittestCommand, (string)result.Output["command"]!);
        Assert.Contains("AssertionError: 41 != 42", (string)result.Output["output"]!, StringComparison.Ordinal);
        Assert.Contains("FAILED (failures=1)", (string)result.Output["output"]!, StringComparison.Ordinal);
        Assert.Contains("1 run, 1 failures", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_CorrectPatch_PassesWithTestResultInOutput()
    {
        var arguments = new JsonObject { ["repo"] = ToolSandbox.Repo, ["patch"] = ToolSandbox.Patch(SamplePatches.FixAnswer) };

        var result = await _tool.ExecuteAsync(ToolSandbox.Invocation(arguments, "tester"), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.True((bool)result.Output["passed"]!);
        Assert.Equal(0, (int)result.Output["exit_code"]!);
        Assert.Equal(1, (int)result.Output["tests_run"]!);
        var output = (string)result.Output["output"]!;
        Assert.Contains("test_answer_is_42 (tests.test_core.AnswerTests", output, StringComparison.Ordinal);
        Assert.Contains("Ran 1 test", output, StringComparison.Ordinal);
        Assert.Contains("\nOK", output, StringComparison.Ordinal);
        Assert.True((long)result.Output["duration_ms"]! >= 0);
        Assert.False(Directory.Exists(Path.Combine((string)result.Output["workspace"]!, "answer", "__pycache__")));
    }

    [Fact]
    public async Task ExecuteAsync_PatchDoesNotApply_FailsSayingWhy()
    {
        var arguments = new JsonObject { ["repo"] = ToolSandbox.Repo, ["patch"] = SamplePatches.DoesNotApply };

        var result = await _tool.ExecuteAsync(ToolSandbox.Invocation(arguments), default);

        Assert.False(result.Succeeded);
        Assert.False((bool)result.Output["applied"]!);
        Assert.Contains("patch 'patch' does not apply", result.Error, StringComparison.Ordinal);
        Assert.Contains("answer/core.py", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_CommandAsArray_RunsIt()
    {
        var arguments = new JsonObject
        {
            ["repo"] = ToolSandbox.Repo,
            ["patch"] = ToolSandbox.Patch(SamplePatches.AddTypeTest),
            ["command"] = new JsonArray("python3", "-m", "unittest", "tests.test_core.AnswerTests.test_answer_is_an_int"),
        };

        var result = await _tool.ExecuteAsync(ToolSandbox.Invocation(arguments), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(1, (int)result.Output["tests_run"]!);
    }

    [Fact]
    public async Task ExecuteAsync_RepoOutsideRoot_ThrowsArgumentError()
    {
        var arguments = new JsonObject { ["repo"] = "../../etc" };

        var error = await Assert.ThrowsAsync<ToolArgumentException>(() => _tool.ExecuteAsync(ToolSandbox.Invocation(arguments), default));

        Assert.Equal("repo", error.Argument);
        Assert.Contains("outside the repositories root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_MissingRepo_ThrowsArgumentError()
    {
        var error = await Assert.ThrowsAsync<ToolArgumentException>(() => _tool.ExecuteAsync(ToolSandbox.Invocation([]), default));

        Assert.Equal("repo", error.Argument);
    }
}
