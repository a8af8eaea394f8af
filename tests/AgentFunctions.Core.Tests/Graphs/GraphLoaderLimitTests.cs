using System.Globalization;
using System.Text;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary>Hostile graph YAML is an ordinary error naming the limit, not a stack overflow that ends the host.</summary>
public sealed class GraphLoaderLimitTests
{
    private const string Head = """
        name: limits
        nodes:
          a:
            tool: tests.run
            with:
              repo: r

        """;

    [Fact]
    public void Load_FlowSequences40000Deep_ReportsTooDeepAtItsLine()
    {
        var yaml = Head + "      files: " + new string('[', 40_000) + new string(']', 40_000) + "\n";

        var error = GraphTestData.SingleError(yaml, GraphErrorCodes.TooDeep);

        Assert.Equal(7, error.Line);
        Assert.Contains($"the limit is {YamlLimits.MaxDepth}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FlowMappings40000Deep_ReportsTooDeep()
    {
        var yaml = Head + "      files: " + new StringBuilder().Insert(0, "{ k: ", 40_000).Append('1').Append('}', 40_000) + "\n";

        Assert.Equal(GraphErrorCodes.TooDeep, Assert.Single(GraphTestData.LoadErrors(yaml)).Code);
    }

    [Fact]
    public void Load_BlockSequences40000Deep_ReportsTooDeep()
    {
        var yaml = Head + "      files:\n        " + new StringBuilder().Insert(0, "- ", 40_000).Append("x\n");

        var error = Assert.Single(GraphTestData.LoadErrors(yaml));

        Assert.Equal((GraphErrorCodes.TooDeep, 8), (error.Code, error.Line));
    }

    [Fact]
    public void Load_IndentedBlockMappingsPastTheLimit_ReportsTooDeep()
    {
        var yaml = new StringBuilder(Head).Append("      files:\n");
        for (var level = 0; level < 100; level++)
        {
            yaml.Append(' ', 8 + level).Append(level < 99 ? "k:\n" : "k: x\n");
        }

        Assert.Equal(GraphErrorCodes.TooDeep, Assert.Single(GraphTestData.LoadErrors(yaml.ToString())).Code);
    }

    [Fact]
    public void Load_NestingAtTheLimit_Loads()
    {
        // root (1), nodes (2), node a (3), with (4): 60 lists inside reach 64.
        var depth = YamlLimits.MaxDepth - 4;
        var graph = GraphTestData.LoadValid(Head + "      files: " + new string('[', depth) + "x" + new string(']', depth) + "\n");

        Assert.Equal("a", Assert.Single(graph.Nodes).Id);
    }

    [Fact]
    public void Load_OneLevelPastTheLimit_ReportsTooDeep()
    {
        var depth = YamlLimits.MaxDepth - 3;

        var errors = GraphTestData.LoadErrors(Head + "      files: " + new string('[', depth) + "x" + new string(']', depth) + "\n");

        Assert.Equal(GraphErrorCodes.TooDeep, Assert.Single(errors).Code);
    }

    [Fact]
    public void Load_TextLargerThanTheLimit_ReportsTooLarge()
    {
        var yaml = Head.Replace("limits\n", "limits\ndescription: " + new string('x', YamlLimits.MaxBytes) + "\n", StringComparison.Ordinal);

        var error = Assert.Single(GraphTestData.LoadErrors(yaml));

        Assert.Equal((GraphErrorCodes.TooLarge, (int?)null), (error.Code, error.Line));
        Assert.Contains("1,048,576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AliasInsideItsOwnAnchor_ReportsYamlAlias()
    {
        var error = Assert.Single(GraphTestData.LoadErrors(Head + "      files: &x [*x]\n"));

        Assert.Equal((GraphErrorCodes.YamlAlias, 7), (error.Code, error.Line));
        Assert.Contains("'*x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AliasesExpandingToBillionsOfValues_ReportsTooLarge()
    {
        var yaml = new StringBuilder(Head).Append("      files:\n        - &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level < 9; level++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"        - &a{level} [").AppendJoin(", ", Enumerable.Repeat($"*a{level - 1}", 10)).Append("]\n");
        }

        var error = Assert.Single(GraphTestData.LoadErrors(yaml.ToString()));

        Assert.Equal(GraphErrorCodes.TooLarge, error.Code);
        Assert.Contains($"the limit is {YamlLimits.MaxValues:N0}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AliasRepeatingDeepNodePastTheLimit_ReportsTooDeep()
    {
        // The anchored list is 55 levels deep at level 5; repeated inside 10 more lists it would reach level 69.
        var deep = new string('[', 55) + "x" + new string(']', 55);
        var yaml = Head + $"      files: {deep}\n".Replace("files: [", "files: &d [", StringComparison.Ordinal)
            + "      more: " + new string('[', 10) + "*d" + new string(']', 10) + "\n";

        Assert.Equal(GraphErrorCodes.TooDeep, Assert.Single(GraphTestData.LoadErrors(yaml)).Code);
    }

    [Fact]
    public void Load_ConditionOfAMegabyteOfNots_ReportsTooLarge()
    {
        var yaml = Head + "    when: \"" + new string('!', 1_000_000) + "true\"\n";

        var error = GraphTestData.SingleError(yaml, GraphErrorCodes.TooLarge);

        Assert.Equal(("a", "nodes.a.when", 7), (error.NodeId, error.Field, error.Line));
        Assert.Contains($"the limit is {GraphCondition.MaxLength:N0}", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Fact]
    public void Load_ConditionNestedPastTheLimit_ReportsTooDeepAtTheCharacter()
    {
        var depth = GraphCondition.MaxDepth + 1;
        var yaml = Head + "    when: " + new string('(', depth) + "true" + new string(')', depth) + "\n";

        var error = GraphTestData.SingleError(yaml, GraphErrorCodes.TooDeep);

        Assert.Equal((7, 11 + GraphCondition.MaxDepth), (error.Line, error.Column));
    }
}
