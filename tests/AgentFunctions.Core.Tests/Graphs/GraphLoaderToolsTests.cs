using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary>A skill node's <c>tools:</c> and <c>max_tool_calls:</c> replace its skill's; bad entries name their line.</summary>
public sealed class GraphLoaderToolsTests
{
    [Fact]
    public void Load_NodeTools_AreReadAndNullWhenAbsent()
    {
        var graph = GraphTestData.LoadValid("""
            name: tools
            nodes:
              a:
                skill: engineering/python-fixer
                tools: [read_file, "mcp:docs/search", tests.run]
                max_tool_calls: 3
              b:
                skill: engineering/python-fixer
            """);

        Assert.Equal(["read_file", "mcp:docs/search", "tests.run"], graph.Nodes[0].Tools);
        Assert.Equal(3, graph.Nodes[0].MaxToolCalls);
        Assert.Null(graph.Nodes[1].Tools);
        Assert.Null(graph.Nodes[1].MaxToolCalls);
    }

    [Theory]
    [InlineData("tools: [rm_rf]", 5, "'rm_rf' is not a tool a skill may call")]
    [InlineData("tools: [\"mcp:Bad Server\"]", 5, "not a valid MCP tool reference")]
    [InlineData("max_tool_calls: 0", 5, "max_tool_calls")]
    public void Load_BadToolEntry_ReportsTheLine(string line, int expectedLine, string expected)
    {
        var error = GraphTestData.SingleError($"""
            name: tools
            nodes:
              a:
                skill: engineering/python-fixer
                {line}
            """, GraphErrorCodes.InvalidValue);

        Assert.Equal((expectedLine, "a"), (error.Line, error.NodeId));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ToolsOnAToolNode_IsAnError()
    {
        var error = GraphTestData.SingleError("""
            name: tools
            nodes:
              a:
                tool: noop
                tools: [read_file]
            """, GraphErrorCodes.InvalidValue);

        Assert.Contains("only skill nodes take 'tools:'", error.Message, StringComparison.Ordinal);
    }
}
