using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary>The condition and expression parsers refuse input that would exhaust the stack, and say which limit it broke.</summary>
public sealed class GraphConditionLimitTests
{
    private static readonly Dictionary<string, JsonNode?> s_noOutputs = [];

    [Fact]
    public void TryParse_MegabyteOfNots_FailsNamingTheLength()
    {
        Assert.False(GraphCondition.TryParse(new string('!', 1 << 20) + "true", out _, out var error, out _));

        Assert.Contains($"the limit is {GraphCondition.MaxLength:N0}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("!")]
    [InlineData("(")]
    [InlineData("len(")]
    public void TryParse_NestedOnePastTheLimit_FailsNamingTheDepth(string level)
    {
        var text = string.Concat(Enumerable.Repeat(level, GraphCondition.MaxDepth + 1)) + "1" + Closing(level, GraphCondition.MaxDepth + 1);

        Assert.False(GraphCondition.TryParse(text, out _, out var error, out _));

        Assert.Contains($"the limit is {GraphCondition.MaxDepth}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("!")]
    [InlineData("(")]
    public void IsTrue_NestedAtTheLimit_Evaluates(string level)
    {
        var text = string.Concat(Enumerable.Repeat(level, GraphCondition.MaxDepth)) + "true" + Closing(level, GraphCondition.MaxDepth);

        var condition = GraphCondition.Parse(text);

        Assert.True(condition.IsTrue(new JsonObject(), s_noOutputs));
    }

    [Fact]
    public void IsTrue_LongestOrChain_Evaluates()
    {
        var text = string.Join("||", Enumerable.Repeat("0", (GraphCondition.MaxLength / 3) - 1)) + "||1";

        Assert.True(GraphCondition.Parse(text).IsTrue(new JsonObject(), s_noOutputs));
    }

    [Fact]
    public void Scan_ExpressionLongerThanTheLimit_ReportsTheLimitWithoutQuotingItAll()
    {
        var scan = GraphExpression.Scan("${{ inputs.x" + string.Concat(Enumerable.Repeat(".a", GraphExpression.MaxLength)) + " }}");

        var error = Assert.Single(scan.Errors);
        Assert.Contains($"the limit is {GraphExpression.MaxLength:N0}", error, StringComparison.Ordinal);
        Assert.True(error.Length < 200, error);
    }

    private static string Closing(string level, int count) => level == "!" ? string.Empty : new string(')', count);
}
