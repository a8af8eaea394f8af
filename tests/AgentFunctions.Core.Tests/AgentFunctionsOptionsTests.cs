namespace AgentFunctions.Core.Tests;

/// <summary>The content root is found from wherever the app is started, unless it is set.</summary>
public sealed class AgentFunctionsOptionsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "agentfunctions-tests", "content-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void ContentRoot_NotSet_IsTheRepositoryFoundAboveTheTestBinaries()
    {
        // The test host runs in bin/Release/net10.0; the repository root above it holds skills/ and graphs/.
        Assert.Equal(TestPaths.RepositoryRoot, new AgentFunctionsOptions().ContentRoot);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ContentRoot_SetEmpty_IsFoundAsWhenNotSet(string empty)
    {
        var options = new AgentFunctionsOptions { ContentRoot = empty };

        Assert.Equal((TestPaths.RepositoryRoot, false), (options.ContentRoot, options.IsContentRootSet));
    }

    [Fact]
    public void ContentRoot_SetExplicitly_IsUsedAsGiven()
    {
        var options = new AgentFunctionsOptions { ContentRoot = _root };

        Assert.Equal((_root, true), (options.ContentRoot, options.IsContentRootSet));
        Assert.Equal(Path.Combine(_root, "skills"), options.Resolve(options.SkillsPath));
    }

    [Fact]
    public void FindContentRoot_StartBelowAFolderWithSkillsAndGraphs_ReturnsThatFolder()
    {
        var start = Folder("project", "src", "Functions");
        Folder("project", "skills");
        Folder("project", "graphs");
        Folder("project", "src", "skills"); // only one of the two: not a content root

        Assert.Equal(Path.Combine(_root, "project"), AgentFunctionsOptions.FindContentRoot([start], "skills", "graphs"));
    }

    [Fact]
    public void FindContentRoot_NothingAboveTheFirstStart_TriesTheNextStart()
    {
        var current = Folder("elsewhere");
        var app = Folder("install", "bin");
        Folder("install", "skills");
        Folder("install", "graphs");

        Assert.Equal(Path.Combine(_root, "install"), AgentFunctionsOptions.FindContentRoot([current, app], "skills", "graphs"));
    }

    [Fact]
    public void FindContentRoot_NoFolderHoldsBoth_ReturnsTheFirstStart()
    {
        var current = Folder("a", "b");
        Folder("a", "skills");

        Assert.Equal(current, AgentFunctionsOptions.FindContentRoot([current, Folder("c")], "skills", "graphs"));
    }

    [Fact]
    public void FindContentRoot_CustomFolderNames_LooksForThose()
    {
        var start = Folder("custom", "deep");
        Folder("custom", "my-skills");
        Folder("custom", "flows");

        Assert.Equal(Path.Combine(_root, "custom"), AgentFunctionsOptions.FindContentRoot([start], "my-skills", "flows"));
    }

    private string Folder(params string[] parts)
    {
        var path = Path.Combine([_root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }
}
