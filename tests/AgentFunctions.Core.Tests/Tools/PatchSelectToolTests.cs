using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools.Patches;
using AgentFunctions.Core.Tools.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class PatchSelectToolTests : IDisposable
{
    private readonly ToolSandbox _sandbox = new();
    private readonly PatchSelectTool _tool;

    public PatchSelectToolTests() =>
        _tool = new PatchSelectTool(_sandbox.Workspaces, _sandbox.Tests, NullLogger<PatchSelectTool>.Instance);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task ExecuteAsync_OnePassingAmongFailingAndEmpty_SelectsThePassingOne()
    {
        var candidates = new JsonObject
        {
            ["py_fixer"] = Candidate(ToolSandbox.Patch(SamplePatches.FixAnswer), "Return 42 instead of 41."),
            ["fe_fixer"] = Candidate(string.Empty, "No frontend changes needed."),
            ["guesser"] = Candidate(SamplePatches.WrongAnswer, "Return 43."),
            ["broken"] = Candidate(SamplePatches.DoesNotApply, "Edit a line that is not there."),
        };

        var result = await ExecuteAsync(candidates);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["py_fixer"], Names(result.Output["selected"]));
        Assert.Contains("+    return 42", (string)result.Output["patch"]!, StringComparison.Ordinal);
        var byName = ((JsonArray)result.Output["candidates"]!).ToDictionary(c => (string)c!["name"]!, c => c!.AsObject());
        Assert.True((bool)byName["py_fixer"]["tests_passed"]!);
        Assert.Equal("Return 42 instead of 41.", (string)byName["py_fixer"]["summary"]!);
        Assert.Equal("no change proposed", (string)byName["fe_fixer"]["outcome"]!);
        Assert.False((bool)byName["fe_fixer"]["applied"]!);
        Assert.True((bool)byName["guesser"]["applied"]!);
        Assert.False((bool)byName["guesser"]["tests_passed"]!);
        Assert.Equal(1, (int)byName["guesser"]["failures"]!);
        Assert.False((bool)byName["broken"]["applied"]!);
        Assert.Contains("does not apply", (string)byName["broken"]["error"]!, StringComparison.Ordinal);

        // py_fixer + guesser apply together but conflict (both edit line 9), which the combined trial reports.
        Assert.False((bool)result.Output["combined"]!["applied"]!);
        Assert.Contains("fe_fixer: no change proposed", (string)result.Output["reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_SecondCandidateAddsTest_SelectsTheCombination()
    {
        var candidates = new JsonObject
        {
            ["py_fixer"] = Candidate(ToolSandbox.Patch(SamplePatches.FixAnswer), "Fix the answer."),
            ["fe_fixer"] = Candidate(string.Empty, "No frontend changes needed."),
            ["test_writer"] = Candidate(ToolSandbox.Patch(SamplePatches.AddTypeTest), "Check the type."),
        };

        var result = await ExecuteAsync(candidates);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["py_fixer", "test_writer"], Names(result.Output["selected"]));
        Assert.Equal(2, (int)result.Output["tests_run"]!);
        var patch = (string)result.Output["patch"]!;
        Assert.Contains("+    return 42", patch, StringComparison.Ordinal);
        Assert.Contains("+    def test_answer_is_an_int(self):", patch, StringComparison.Ordinal);
        Assert.False((bool)((JsonArray)result.Output["candidates"]!)[2]!["tests_passed"]!);
        Assert.StartsWith("Selected py_fixer + test_writer: tests passed (2 run)", (string)result.Output["reason"]!, StringComparison.Ordinal);

        // The selected diff is what later nodes consume: it applies to the base and passes the security scan.
        var apply = await _sandbox.Workspaces.MaterializeAsync("run-1", "check", 1, ToolSandbox.Repo, [new("selected", patch)]);
        Assert.True(apply.Succeeded);
        Assert.Empty(SecurityScanner.Scan(patch).Findings);
    }

    [Fact]
    public async Task ExecuteAsync_NoCandidatePasses_FailsListingEachOutcome()
    {
        var candidates = new JsonObject
        {
            ["fe_fixer"] = Candidate(string.Empty, "Nothing to do."),
            ["guesser"] = Candidate(SamplePatches.WrongAnswer, "Return 43."),
            ["broken"] = SamplePatches.DoesNotApply,
        };

        var result = await ExecuteAsync(candidates);

        Assert.False(result.Succeeded);
        Assert.Empty((JsonArray)result.Output["selected"]!);
        Assert.StartsWith("No candidate passed the tests.", result.Error, StringComparison.Ordinal);
        Assert.Contains("fe_fixer: no change proposed", result.Error, StringComparison.Ordinal);
        Assert.Contains("guesser: tests failed (1 run, 1 failures", result.Error, StringComparison.Ordinal);
        Assert.Contains("broken: patch 'broken' does not apply", result.Error, StringComparison.Ordinal);
    }

    private static JsonObject Candidate(string patch, string summary) => new() { ["patch"] = patch, ["summary"] = summary };

    private static string[] Names(JsonNode? array) => [.. ((JsonArray)array!).Select(n => (string)n!)];

    private Task<Core.Tools.ToolResult> ExecuteAsync(JsonObject candidates) =>
        _tool.ExecuteAsync(ToolSandbox.Invocation(new JsonObject { ["repo"] = ToolSandbox.Repo, ["candidates"] = candidates }, "aggregator"), default);
}
