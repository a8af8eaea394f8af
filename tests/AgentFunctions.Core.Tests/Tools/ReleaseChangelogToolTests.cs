using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools.Release;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class ReleaseChangelogToolTests : IDisposable
{
    // The real examples folder is the repositories root here, to prove the tool never writes into it.
    private readonly ToolSandbox _sandbox = new(Path.Combine(ToolSandbox.RepositoryRoot, "examples"));
    private readonly ReleaseChangelogTool _tool;

    public ReleaseChangelogToolTests() =>
        _tool = new ReleaseChangelogTool(_sandbox.Workspaces, TimeProvider.System, NullLogger<ReleaseChangelogTool>.Instance);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task ExecuteAsync_FixPatch_CommitsEntryAndLeavesExampleUntouched()
    {
        var before = HashTree(ToolSandbox.SampleRepoPath);
        var arguments = new JsonObject
        {
            ["repo"] = "sample-repo",
            ["patch"] = ToolSandbox.Patch(SamplePatches.FixAnswer),
            ["title"] = "Fix answer() to return 42",
        };

        var result = await _tool.ExecuteAsync(new("run-42", "release", 1, arguments), default);

        Assert.True(result.Succeeded, result.Error);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var entry = (string)result.Output["entry"]!;
        Assert.Equal($"Fix answer() to return 42 (run run-42, {today})", entry);
        var workspace = (string)result.Output["workspace"]!;
        var changelog = await File.ReadAllTextAsync(Path.Combine(workspace, "CHANGELOG.md"));
        Assert.Contains($"## [Unreleased]\n\n### Changed\n\n- {entry}\n\n## [0.1.0]", changelog, StringComparison.Ordinal);
        Assert.Equal(["CHANGELOG.md", "answer/core.py"], ((JsonArray)result.Output["files_changed"]!).Select(f => (string)f!));

        var log = (await _sandbox.Git.RunCheckedAsync(workspace, ["log", "--format=%H %s"])).TrimEnd('\n').Split('\n');
        Assert.Equal(3, log.Length);
        Assert.Equal($"{(string)result.Output["commit"]!} release: Fix answer() to return 42 (run run-42)", log[0]);
        Assert.EndsWith(" patch: patch", log[1], StringComparison.Ordinal);
        Assert.Equal($"{(string)result.Output["base_commit"]!} base", log[2]);
        Assert.Equal(string.Empty, await _sandbox.Git.RunCheckedAsync(workspace, ["status", "--porcelain"]));
        Assert.Equal(before, HashTree(ToolSandbox.SampleRepoPath));
    }

    [Fact]
    public async Task ExecuteAsync_SameAttemptTwice_SameEntryOnce()
    {
        var arguments = new JsonObject { ["repo"] = "sample-repo", ["patch"] = string.Empty };

        var first = await _tool.ExecuteAsync(new("run-7", "release", 1, arguments), default);
        var second = await _tool.ExecuteAsync(new("run-7", "release", 1, arguments.DeepClone().AsObject()), default);

        Assert.True(second.Succeeded, second.Error);
        Assert.Equal((string)first.Output["entry"]!, (string)second.Output["entry"]!);
        Assert.StartsWith("Automated change (run run-7, ", (string)second.Output["entry"]!, StringComparison.Ordinal);
        var workspace = (string)second.Output["workspace"]!;
        var count = await _sandbox.Git.RunCheckedAsync(workspace, ["rev-list", "--count", "HEAD"]);
        Assert.Equal("2", count.Trim());
        var changelog = await File.ReadAllTextAsync(Path.Combine(workspace, "CHANGELOG.md"));
        Assert.Single(changelog.Split('\n'), l => l.Contains("(run run-7,", StringComparison.Ordinal));
    }

    private static string HashTree(string root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file)));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
