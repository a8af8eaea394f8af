using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration.Compare;

namespace AgentFunctions.Core.Tests.Orchestration;

public sealed class JsonDiffTests
{
    private static IReadOnlyList<string> Paths(string a, string b) =>
        [.. JsonDiff.Diff(JsonNode.Parse(a), JsonNode.Parse(b)).Differences.Select(d => d.Path)];

    [Fact]
    public void EqualDocuments_HaveNoDifferences() => Assert.Empty(Paths("""{"a":[1,{"b":2}]}""", """{"a":[1,{"b":2}]}"""));

    [Fact]
    public void NestedChanges_AreReportedAsJsonPointers() =>
        Assert.Equal(["/a/1/b", "/c", "/d"], Paths("""{"a":[1,{"b":2}],"c":true}""", """{"a":[1,{"b":3}],"d":null}"""));

    [Fact]
    public void KeysWithSlashOrTilde_AreEscapedPerRfc6901() =>
        Assert.Equal(["/x~1y", "/m~0n"], Paths("""{"x/y":1,"m~n":1}""", """{"x/y":2,"m~n":2}"""));

    [Fact]
    public void LongerArray_ReportsTheExtraItemsAsAbsentInA()
    {
        var (differences, _) = JsonDiff.Diff(JsonNode.Parse("[1]"), JsonNode.Parse("[1,2]"));
        var only = Assert.Single(differences);
        Assert.Equal("/1", only.Path);
        Assert.Null(only.A);
        Assert.Equal(2, only.B!.GetValue<int>());
    }

    [Fact]
    public void TypeChangeAndWholeValue_AreReportedAtTheirPath()
    {
        Assert.Equal([""], Paths("1", "\"1\""));
        Assert.Equal(["/a"], Paths("""{"a":{"b":1}}""", """{"a":[1]}"""));
    }

    [Fact]
    public void ManyDifferences_AreCappedAndTheRestCounted()
    {
        var (differences, more) = JsonDiff.Diff(new JsonArray([.. Enumerable.Range(0, 60).Select(i => (JsonNode?)i)]), new JsonArray(), max: 50);
        Assert.Equal(50, differences.Count);
        Assert.Equal(10, more);
    }
}
