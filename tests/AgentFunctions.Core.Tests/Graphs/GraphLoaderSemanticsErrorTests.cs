using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary>Every error of when, for_each, max_items, join and loop, with its YAML line (and column where the text allows).</summary>
public sealed class GraphLoaderSemanticsErrorTests
{
    private static GraphError Single(string yaml, string code) => GraphTestData.SingleError(yaml, code);

    [Fact]
    public void Load_WhenSyntaxError_ReportsLineAndColumnOfTheCharacter()
    {
        var error = Single("""
            name: cond
            nodes:
              a:
                skill: engineering/planner
                when: inputs.mode = 'x'
            """, GraphErrorCodes.InvalidExpression);

        Assert.Equal((5, 23, "a", "nodes.a.when"), (error.Line, error.Column, error.NodeId, error.Field));
        Assert.Contains("'=' is not an operator; write '=='", error.Message, StringComparison.Ordinal);
        Assert.Contains("at character 13", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenSyntaxErrorInQuotes_CountsTheQuote()
    {
        var error = Single("name: cond\nnodes:\n  a:\n    skill: engineering/planner\n    when: \"nodes.a.output.x ==\"\n", GraphErrorCodes.InvalidExpression);

        Assert.Equal((5, 31), (error.Line, error.Column));
        Assert.Contains("expected a value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenReadsUnknownInput_ReportsUnknownInput()
    {
        var error = Single("name: cond\ninputs:\n  mode: {}\nnodes:\n  a:\n    skill: engineering/planner\n    when: inputs.mdoe == 'x'\n", GraphErrorCodes.UnknownInput);

        Assert.Equal((7, "nodes.a.when"), (error.Line, error.Field));
        Assert.Contains("did you mean 'mode'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenReadsUnknownNode_ReportsUnknownNode()
    {
        var error = Single("name: cond\nnodes:\n  a:\n    skill: engineering/planner\n  b:\n    skill: engineering/planner\n    needs: a\n    when: nodes.aa.output.ok\n", GraphErrorCodes.UnknownNode);

        Assert.Equal((8, "b"), (error.Line, error.NodeId));
        Assert.Contains("did you mean 'a'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenReadsNodeNotUpstream_ReportsNotUpstream()
    {
        var error = Single("name: cond\nnodes:\n  a:\n    skill: engineering/planner\n  b:\n    skill: engineering/planner\n    when: nodes.a.output.ok\n", GraphErrorCodes.NotUpstream);

        Assert.Equal((7, "nodes.b.when"), (error.Line, error.Field));
        Assert.Contains("add 'a' to the needs of 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenReadsItem_ReportsInvalidExpression()
    {
        var error = Single("name: cond\ninputs:\n  xs: { type: array }\nnodes:\n  a:\n    skill: engineering/planner\n    for_each: inputs.xs\n    when: item == 1\n", GraphErrorCodes.InvalidExpression);

        Assert.Equal(8, error.Line);
        Assert.Contains("evaluated once for the whole node", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ItemWithoutForEach_ReportsInvalidExpression()
    {
        var error = Single("name: items\nnodes:\n  a:\n    tool: tests.run\n    with: { repo: '${{ item.path }}' }\n", GraphErrorCodes.InvalidExpression);

        Assert.Equal((5, "nodes.a.with.repo"), (error.Line, error.Field));
        Assert.Contains("node 'a' has no for_each", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ForEachNotAnExpression_ReportsInvalidExpression()
    {
        var error = Single("name: fan\nnodes:\n  a:\n    skill: engineering/planner\n    for_each: [1, 2]\n", GraphErrorCodes.InvalidValue);

        Assert.Equal((5, "nodes.a.for_each"), (error.Line, error.Field));
    }

    [Fact]
    public void Load_ForEachMalformed_ReportsInvalidExpression()
    {
        var error = Single("name: fan\nnodes:\n  a:\n    skill: engineering/planner\n    for_each: ${{ node.x.output }}\n", GraphErrorCodes.InvalidExpression);

        Assert.Equal((5, "nodes.a.for_each"), (error.Line, error.Field));
        Assert.Contains("unknown root 'node'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ForEachNotUpstream_ReportsNotUpstream()
    {
        var error = Single("name: fan\nnodes:\n  a:\n    skill: engineering/planner\n  b:\n    skill: engineering/planner\n    for_each: ${{ nodes.a.output.files }}\n", GraphErrorCodes.NotUpstream);

        Assert.Equal((7, "nodes.b.for_each"), (error.Line, error.Field));
    }

    [Fact]
    public void Load_ForEachOverItem_ReportsInvalidExpression()
    {
        var error = Single("name: fan\nnodes:\n  a:\n    skill: engineering/planner\n    for_each: ${{ item }}\n", GraphErrorCodes.InvalidExpression);

        Assert.Contains("computed before there are items", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("many")]
    public void Load_MaxItemsOutOfRange_ReportsInvalidValue(string value)
    {
        var error = Single($"name: fan\ninputs:\n  xs: {{ type: array }}\nnodes:\n  a:\n    skill: engineering/planner\n    for_each: inputs.xs\n    max_items: {value}\n", GraphErrorCodes.InvalidValue);

        Assert.Equal((8, "nodes.a.max_items"), (error.Line, error.Field));
    }

    [Fact]
    public void Load_MaxItemsWithoutForEach_ReportsInvalidValue()
    {
        var error = Single("name: fan\nnodes:\n  a:\n    skill: engineering/planner\n    max_items: 5\n", GraphErrorCodes.InvalidValue);

        Assert.Equal(5, error.Line);
        Assert.Contains("has no for_each", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("some", 7, "nodes.c.join", "'some' is not a join policy")]
    [InlineData("{ quorum: 3 }", 7, "nodes.c.join.quorum", "the quorum must be between 1 and 2")]
    [InlineData("{ quorum: 0 }", 7, "nodes.c.join.quorum", "between 1 and")]
    [InlineData("{ quota: 1 }", 7, "nodes.c.join.quota", "(allowed: quorum)")]
    public void Load_BadJoin_ReportsItAtTheJoin(string join, int line, string field, string message)
    {
        var errors = GraphTestData.LoadErrors($"name: joins\nnodes:\n  a: {{ skill: engineering/planner }}\n  b: {{ skill: engineering/planner }}\n  c:\n    skill: engineering/planner\n    join: {join}\n    needs: [a, b]\n");

        var error = Assert.Single(errors);
        Assert.Equal((line, field), (error.Line, error.Field));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_JoinAnyWithoutNeeds_ReportsInvalidValue()
    {
        var error = Single("name: joins\nnodes:\n  a:\n    skill: engineering/planner\n    join: any\n", GraphErrorCodes.InvalidValue);

        Assert.Equal((5, "nodes.a.join"), (error.Line, error.Field));
        Assert.Contains("no needs", error.Message, StringComparison.Ordinal);
    }

    private const string LoopHead = "name: loops\nnodes:\n  planner: { skill: engineering/planner }\n  coder:\n    skill: engineering/python-fixer\n    needs: planner\n  tester:\n    skill: engineering/reviewer\n    needs: coder\n";

    [Fact]
    public void Load_LoopBackToNotUpstream_ReportsInvalidLoopAtBackTo()
    {
        var error = Single(LoopHead + "    loop: { back_to: other, until: 'true' }\n  other: { skill: engineering/planner }\n", GraphErrorCodes.InvalidLoop);

        Assert.Equal((10, "nodes.tester.loop.back_to"), (error.Line, error.Field));
        Assert.Contains("not upstream of 'tester'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LoopBackToUnknown_ReportsUnknownNode()
    {
        var error = Single(LoopHead + "    loop: { back_to: codr, until: 'true' }\n", GraphErrorCodes.UnknownNode);

        Assert.Equal((10, "nodes.tester.loop.back_to"), (error.Line, error.Field));
        Assert.Contains("did you mean 'coder'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LoopWithoutUntil_ReportsMissingKey()
    {
        var error = Single(LoopHead + "    loop: { back_to: coder }\n", GraphErrorCodes.MissingKey);

        Assert.Equal((10, "nodes.tester.loop.until"), (error.Line, error.Field));
    }

    [Theory]
    [InlineData("max_iterations: 0", "nodes.tester.loop.max_iterations")]
    [InlineData("max_iterations: 11", "nodes.tester.loop.max_iterations")]
    [InlineData("on_exhausted: retry", "nodes.tester.loop.on_exhausted")]
    public void Load_LoopBadValue_ReportsInvalidValue(string entry, string field)
    {
        var error = Single(LoopHead + $"    loop: {{ back_to: coder, until: 'true', {entry} }}\n", GraphErrorCodes.InvalidValue);

        Assert.Equal((10, field), (error.Line, error.Field));
    }

    [Fact]
    public void Load_LoopUntilSyntaxError_ReportsColumn()
    {
        var error = Single(LoopHead + "    loop:\n      back_to: coder\n      until: nodes.tester.output.ok ==\n", GraphErrorCodes.InvalidExpression);

        Assert.Equal((12, 39, "nodes.tester.loop.until"), (error.Line, error.Column, error.Field)); // just after '=='
    }

    [Fact]
    public void Load_LoopUntilNotUpstream_ReportsNotUpstream()
    {
        var error = Single(LoopHead + "    loop: { back_to: coder, until: 'nodes.after.output.ok' }\n  after: { skill: engineering/planner, needs: tester }\n", GraphErrorCodes.NotUpstream);

        Assert.Equal((10, "nodes.tester.loop.until"), (error.Line, error.Field));
    }

    [Fact]
    public void Load_LoopBodyWithForEach_ReportsInvalidLoop()
    {
        var yaml = "name: loops\ninputs:\n  xs: { type: array }\nnodes:\n  coder:\n    skill: engineering/python-fixer\n    for_each: inputs.xs\n  tester:\n    skill: engineering/reviewer\n    needs: coder\n    loop: { back_to: coder, until: 'true' }\n";

        var error = Single(yaml, GraphErrorCodes.InvalidLoop);

        Assert.Equal(11, error.Line);
        Assert.Contains("cannot repeat a fan-out: it contains 'coder'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NestedLoop_ReportsInvalidLoop()
    {
        var yaml = LoopHead.Replace("    needs: planner\n", "    needs: planner\n    loop: { back_to: coder, until: 'true' }\n", StringComparison.Ordinal)
            + "    loop: { back_to: planner, until: 'true' }\n";

        var error = Single(yaml, GraphErrorCodes.InvalidLoop);

        Assert.Equal(("tester", 11), (error.NodeId, error.Line));
        Assert.Contains("cannot be nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NodeOutsideNeedsNodeInsideLoop_ReportsInvalidLoopAtTheNeed()
    {
        var error = Single(LoopHead + "    loop: { back_to: coder, until: 'true' }\n  docs:\n    skill: engineering/planner\n    needs: [coder]\n", GraphErrorCodes.InvalidLoop);

        Assert.Equal((13, "docs", "nodes.docs.needs"), (error.Line, error.NodeId, error.Field));
        Assert.Contains("Need 'tester' instead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BodyNodeReadsLaterBodyNode_IsAllowed()
    {
        var graph = GraphTestData.LoadValid(LoopHead.Replace("    needs: planner\n", "    needs: planner\n    when: nodes.tester.output.passed != true\n", StringComparison.Ordinal)
            + "    loop: { back_to: coder, until: 'nodes.tester.output.passed' }\n");

        Assert.Equal("coder", graph.FindNode("tester")!.Loop!.BackTo);
    }

    [Fact]
    public void Load_NodeOutsideLoopReadsLaterLoopNode_ReportsNotUpstream()
    {
        var error = Single(LoopHead + "    loop: { back_to: coder, until: 'true' }\n  side:\n    skill: engineering/planner\n    needs: planner\n    when: nodes.tester.output.ok\n", GraphErrorCodes.NotUpstream);

        Assert.Equal((14, "side"), (error.Line, error.NodeId));
    }

    [Fact]
    public void Load_UnknownSemanticsKeyNearMiss_SuggestsTheKey()
    {
        var error = Single("name: keys\nnodes:\n  a:\n    skill: engineering/planner\n    forEach: x\n", GraphErrorCodes.UnknownKey);

        Assert.Contains("did you mean 'for_each'?", error.Message, StringComparison.Ordinal);
    }
}
