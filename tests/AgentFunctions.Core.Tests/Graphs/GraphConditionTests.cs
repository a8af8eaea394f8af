using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

public sealed class GraphConditionTests
{
    private static readonly JsonObject s_inputs = new() { ["mode"] = "fast", ["limit"] = 3, ["flag"] = false };

    private static readonly Dictionary<string, JsonNode?> s_outputs = new()
    {
        ["check"] = JsonNode.Parse("""{"exit_code":0,"output":"3 passed, 0 failed","files":["a.py","b.py"],"score":0.85,"labels":{"bug":true},"odd key":"x"}"""),
        ["skipped"] = null,
    };

    private static bool Eval(string text) => GraphCondition.Parse(text).IsTrue(s_inputs, s_outputs);

    [Theory]
    [InlineData("inputs.mode == 'fast'", true)]
    [InlineData("inputs.mode != \"fast\"", false)]
    [InlineData("nodes.check.output.exit_code == 0", true)]
    [InlineData("nodes.check.output.score >= 0.8 && nodes.check.output.score < 0.9", true)]
    [InlineData("inputs.limit > 5 || inputs.mode == 'fast'", true)]
    [InlineData("!(inputs.limit <= 3)", false)]
    [InlineData("!inputs.flag", true)]
    [InlineData("contains(nodes.check.output.output, '0 failed')", true)]
    [InlineData("contains(nodes.check.output.files, 'b.py')", true)]
    [InlineData("contains(nodes.check.output.labels, 'bug')", true)]
    [InlineData("contains(nodes.skipped.output, 'x')", false)]
    [InlineData("len(nodes.check.output.files) == 2", true)]
    [InlineData("len(nodes.skipped.output) == 0", true)]
    [InlineData("nodes.check.output.files[1] == 'b.py'", true)]
    [InlineData("nodes.check.output['odd key'] == 'x'", true)]
    [InlineData("nodes.check.output.missing == null", true)]
    [InlineData("nodes.check.output.files[9] == null", true)]
    [InlineData("nodes.skipped.output.anything.at[0] == null", true)]
    [InlineData("'1' == 1", false)]
    [InlineData("1.0 == 1", true)]
    [InlineData("'it''s' == \"it's\"", true)]
    [InlineData("true && (false || 2)", true)]
    [InlineData("nodes.check.output.files", true)]
    [InlineData("''", false)]
    [InlineData("0", false)]
    [InlineData("null", false)]
    [InlineData("${{ inputs.mode == 'fast' }}", true)]
    [InlineData("'b' > 'a'", true)]
    [InlineData("-1 < 0", true)]
    public void IsTrue_Condition_EvaluatesAsDocumented(string text, bool expected) =>
        Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("inputs.mode < 3", "'<' compares two numbers or two strings")]
    [InlineData("len(inputs.limit) == 1", "len() takes a string, an array or an object")]
    [InlineData("contains(inputs.limit, 3)", "contains() looks in")]
    public void Evaluate_OperatorOnWrongTypes_ThrowsWithTheCondition(string text, string expected)
    {
        var ex = Assert.Throws<GraphExpressionException>(() => Eval(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(text, ex.Expression);
    }

    [Theory]
    [InlineData("inputs.mode = 'fast'", "'=' is not an operator", 13)]
    [InlineData("inputs.mode == 'fast", "has no closing '", 16)]
    [InlineData("nodes.check.exit_code == 0", "expected 'nodes.check.output'", 1)]
    [InlineData("input.mode == 'a'", "unknown name 'input'; did you mean 'inputs'?", 1)]
    [InlineData("inputs.limit == 1 == 1", "cannot be chained", 19)]
    [InlineData("(inputs.limit == 1", "expected ')'", 19)]
    [InlineData("contains(inputs.mode)", "contains() takes 2 argument(s)", 1)]
    [InlineData("inputs.mode 'x'", "unexpected the string 'x'", 13)]
    [InlineData("", "the condition is empty", 1)]
    [InlineData("inputs.mode & 1", "write '&&'", 13)]
    [InlineData("nodes.check.output[x]", "expected [n]", 20)]
    [InlineData("${{ inputs.mode = 1 }}", "'=' is not an operator", 17)]
    public void TryParse_Malformed_ReportsErrorAndCharacter(string text, string expected, int character)
    {
        Assert.False(GraphCondition.TryParse(text, out _, out var error, out var offset));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(character, offset + 1);
    }

    [Fact]
    public void Parse_Paths_AreListedAsReferences()
    {
        var condition = GraphCondition.Parse("${{ nodes.tester.output.passed == true && len(inputs.files) > 0 }}");

        Assert.Equal("nodes.tester.output.passed == true && len(inputs.files) > 0", condition.Text);
        Assert.Equal(
            [(ExpressionRoot.Nodes, "tester", "nodes.tester.output.passed"), (ExpressionRoot.Inputs, "files", "inputs.files")],
            condition.References.Select(r => (r.Root, r.Name, r.Text)));
    }

    [Fact]
    public void Evaluate_Item_ReadsTheInstanceItem()
    {
        var condition = GraphCondition.Parse("item.size > 2 && item_index == 1");

        Assert.True(condition.IsTrue(s_inputs, s_outputs, new ForEachItem(new JsonObject { ["size"] = 3 }, 1)));
        Assert.True(GraphCondition.Parse("item == null && item_index == null").IsTrue(s_inputs, s_outputs, null));
    }
}
