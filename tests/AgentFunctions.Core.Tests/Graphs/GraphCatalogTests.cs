using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

public sealed class GraphCatalogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("graphs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task LoadAsync_ValidAndInvalidFiles_KeepsValidAndListsInvalid()
    {
        Write("git-to-prod.yaml", GraphTestData.GitToProd);
        Write("broken.yml", "name: broken\nnodes:\n  a: { skill: engineering/nope }\n");
        Write("notes.txt", "not a graph");

        var catalog = await GraphCatalog.LoadAsync(_directory, GraphTestData.Context());

        Assert.True(catalog.TryGet("git-to-prod", out var graph));
        Assert.Equal(3, graph.Nodes.Count);
        Assert.False(catalog.TryGet("broken", out _));
        Assert.Equal(["broken", "git-to-prod"], catalog.All.Select(e => e.Name));
        var broken = catalog.All[0];
        Assert.Equal(("broken.yml", false, 0), (broken.File, broken.IsValid, broken.NodeCount));
        Assert.Equal((GraphErrorCodes.UnknownSkill, 3), (broken.Errors[0].Code, broken.Errors[0].Line!.Value));
        var valid = catalog.All[1];
        Assert.Equal(("git-to-prod.yaml", "Fix a failing test and release", 3, true), (valid.File, valid.Description, valid.NodeCount, valid.IsValid));
        Assert.Equal(["git-to-prod"], catalog.Graphs.Select(g => g.Name));
    }

    [Fact]
    public async Task LoadAsync_NameDiffersFromFile_ReportsNameMismatchAtNameLine()
    {
        Write("release.yaml", "# release graph\nname: deploy\nnodes:\n  a: { skill: engineering/planner }\n");

        var catalog = await GraphCatalog.LoadAsync(_directory, GraphTestData.Context());

        var entry = Assert.Single(catalog.All);
        var error = Assert.Single(entry.Errors);
        Assert.Equal((GraphErrorCodes.NameMismatch, 2, "release"), (error.Code, error.Line!.Value, entry.Name));
        Assert.False(catalog.TryGet("deploy", out _));
        Assert.False(catalog.TryGet("release", out _));
    }

    [Fact]
    public async Task LoadAsync_SameNameTwice_ReportsDuplicateOnBoth()
    {
        const string Yaml = "name: twin\nnodes:\n  a: { skill: engineering/planner }\n";
        Write("twin.yaml", Yaml);
        Write("twin.yml", Yaml);
        Write("single.yaml", "name: single\nnodes:\n  a: { skill: engineering/planner }\n");

        var catalog = await GraphCatalog.LoadAsync(_directory, GraphTestData.Context());

        Assert.False(catalog.TryGet("twin", out _));
        Assert.True(catalog.TryGet("single", out _));
        Assert.All(catalog.All.Where(e => e.Name == "twin"), e => Assert.Equal(GraphErrorCodes.DuplicateName, Assert.Single(e.Errors).Code));
        Assert.Equal(2, catalog.All.Count(e => e.Name == "twin"));
    }

    [Fact]
    public async Task LoadAsync_MissingDirectory_Throws() =>
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => GraphCatalog.LoadAsync(Path.Combine(_directory, "nope"), GraphTestData.Context()));

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(_directory, file), text);
}
