using AgentFunctions.Core.Tools.Workspaces;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class WorkspaceManagerTests : IDisposable
{
    private readonly ToolSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task MaterializeAsync_NoPatches_CopiesRepositoryWithBaseCommitAndSkipsCaches()
    {
        var cache = Path.Combine(_sandbox.WorkspaceOptions.RepositoriesRoot, ToolSandbox.Repo, "answer", "__pycache__");
        Directory.CreateDirectory(cache);
        await File.WriteAllTextAsync(Path.Combine(cache, "core.cpython-311.pyc"), "stale");

        var workspace = await _sandbox.Workspaces.MaterializeAsync("run-1", "tester", 1, ToolSandbox.Repo, []);

        Assert.True(workspace.Succeeded);
        Assert.Equal(Path.Combine(_sandbox.WorkspaceOptions.WorkRoot, "run-1", "tester-a1"), workspace.Path);
        Assert.Matches("^[0-9a-f]{40}$", workspace.BaseCommit);
        Assert.Equal(workspace.BaseCommit, workspace.HeadCommit);
        Assert.True(File.Exists(Path.Combine(workspace.Path, "answer", "core.py")));
        Assert.False(Directory.Exists(Path.Combine(workspace.Path, "answer", "__pycache__")));
        var log = await _sandbox.Git.RunCheckedAsync(workspace.Path, ["log", "--format=%s|%an"]);
        Assert.Equal("base|AgentFunctions\n", log);
    }

    [Fact]
    public async Task MaterializeAsync_TwoPatches_CommitsEachAndChangesFiles()
    {
        WorkspacePatch[] patches =
        [
            new("py_fixer", ToolSandbox.Patch(SamplePatches.FixAnswer)),
            new("test_writer", ToolSandbox.Patch(SamplePatches.AddTypeTest)),
        ];

        var workspace = await _sandbox.Workspaces.MaterializeAsync("run-1", "aggregator", 1, ToolSandbox.Repo, patches);

        Assert.True(workspace.Succeeded);
        Assert.Equal(2, workspace.PatchCommits.Count);
        Assert.Contains("return 42", await File.ReadAllTextAsync(Path.Combine(workspace.Path, "answer", "core.py")), StringComparison.Ordinal);
        var log = await _sandbox.Git.RunCheckedAsync(workspace.Path, ["log", "--format=%s"]);
        Assert.Equal("patch: test_writer\npatch: py_fixer\nbase\n", log);
        var files = await _sandbox.Workspaces.ChangedFilesAsync(workspace.Path, workspace.BaseCommit);
        Assert.Equal(["answer/core.py", "tests/test_core.py"], files);
    }

    [Fact]
    public async Task MaterializeAsync_PatchDoesNotApply_FailureNamesPatchAndGitError()
    {
        var workspace = await _sandbox.Workspaces.MaterializeAsync(
            "run-1", "tester", 1, ToolSandbox.Repo, [new WorkspacePatch("py_fixer", SamplePatches.DoesNotApply)]);

        Assert.False(workspace.Succeeded);
        Assert.Equal("py_fixer", workspace.Failure!.PatchName);
        Assert.Contains("patch does not apply", workspace.Failure.Error, StringComparison.Ordinal);
        Assert.Contains("answer/core.py", workspace.Failure.Error, StringComparison.Ordinal);
        Assert.StartsWith("patch 'py_fixer' does not apply:", workspace.Failure.ToString(), StringComparison.Ordinal);
        Assert.Empty(workspace.PatchCommits);
    }

    [Fact]
    public async Task MaterializeAsync_SameAttemptTwice_RebuildsFromScratch()
    {
        var first = await _sandbox.Workspaces.MaterializeAsync("run-1", "tester", 2, ToolSandbox.Repo, []);
        await File.WriteAllTextAsync(Path.Combine(first.Path, "leftover.txt"), "from a crashed attempt");

        var second = await _sandbox.Workspaces.MaterializeAsync("run-1", "tester", 2, ToolSandbox.Repo, []);

        Assert.Equal(first.Path, second.Path);
        Assert.False(File.Exists(Path.Combine(second.Path, "leftover.txt")));
        var count = await _sandbox.Git.RunCheckedAsync(second.Path, ["rev-list", "--count", "HEAD"]);
        Assert.Equal("1", count.Trim());
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("sample-repo/../../outside")]
    [InlineData("/etc")]
    public void ResolveRepository_PathOutsideRoot_RejectedWithClearError(string repository)
    {
        var error = Assert.Throws<ArgumentException>(() => _sandbox.Workspaces.ResolveRepository(repository));

        Assert.Contains("outside the repositories root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveRepository_AbsolutePathInsideRoot_Accepted()
    {
        var inside = Path.Combine(_sandbox.WorkspaceOptions.RepositoriesRoot, ToolSandbox.Repo);

        Assert.Equal(inside, _sandbox.Workspaces.ResolveRepository(inside));
    }

    [Fact]
    public async Task MaterializeAsync_MissingRepository_ThrowsDirectoryNotFound()
    {
        await Assert.ThrowsAsync<DirectoryNotFoundException>(
            () => _sandbox.Workspaces.MaterializeAsync("run-1", "tester", 1, "no-such-repo", []));
    }

    [Theory]
    [InlineData("..", "tester")]
    [InlineData("run-1", "a/b")]
    [InlineData("run-1", "")]
    public void GetWorkspacePath_IdIsNotOneSegment_Throws(string runId, string nodeId)
    {
        Assert.ThrowsAny<ArgumentException>(() => _sandbox.Workspaces.GetWorkspacePath(runId, nodeId, 1));
    }
}
