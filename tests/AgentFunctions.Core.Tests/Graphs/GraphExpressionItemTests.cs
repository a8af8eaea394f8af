using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary><c>${{ item }}</c>, <c>${{ item_index }}</c>, and reading through a node whose output is null.</summary>
public sealed class GraphExpressionItemTests
{
    private static readonly Dictionary<string, JsonNode?> s_outputs = new() { ["skipped"] = null, ["done"] = new JsonObject { ["x"] = 1 } };

    [Fact]
    public void Resolve_ItemAndIndex_AreTheInstanceItem()
    {
        var template = new JsonObject { ["path"] = "${{ item.path }}", ["label"] = "#${{ item_index }}: ${{ item.path }}", ["whole"] = "${{ item }}" };
        var item = new ForEachItem(new JsonObject { ["path"] = "a.py" }, 2);

        var resolved = GraphExpression.Resolve(template, [], s_outputs, item)!;

        Assert.Equal("""{"path":"a.py","label":"#2: a.py","whole":{"path":"a.py"}}""", resolved.ToJsonString());
    }

    [Fact]
    public void Evaluate_ItemOutsideForEach_Throws()
    {
        var ex = Assert.Throws<GraphExpressionException>(() => GraphExpression.Parse("${{ item }}").Evaluate([], s_outputs));

        Assert.Contains("only available in the instances of a for_each node", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ItemIndexWithPath_IsAnError()
    {
        Assert.False(GraphExpression.TryParse("${{ item_index.x }}", out _, out var error));
        Assert.Contains("has no fields", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PathThroughNullNodeOutput_IsNull()
    {
        Assert.Null(GraphExpression.Parse("${{ nodes.skipped.output.patch[0].text }}").Evaluate([], s_outputs));
        Assert.Equal("patch: ", GraphExpression.Resolve(JsonValue.Create("patch: ${{ nodes.skipped.output.patch }}"), [], s_outputs)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_MissingFieldOfRealOutput_StillThrows()
    {
        Assert.Throws<GraphExpressionException>(() => GraphExpression.Parse("${{ nodes.done.output.y }}").Evaluate([], s_outputs));
    }
}
