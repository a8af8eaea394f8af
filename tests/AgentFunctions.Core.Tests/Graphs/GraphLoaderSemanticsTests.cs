using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary>The keys that shape a run: when, for_each, max_items, join, loop, and item expressions.</summary>
public sealed class GraphLoaderSemanticsTests
{
    private const string Pipeline = """
        name: pipeline
        inputs:
          mode: { default: full }
          files: { type: array, default: [] }
        nodes:
          planner:
            skill: engineering/planner
          review:
            skill: engineering/reviewer
            needs: planner
            for_each: ${{ nodes.planner.output.files }}
            max_items: 50
            with: { file: "${{ item.path }}", position: "${{ item_index }}" }
          lint:
            skill: engineering/reviewer
            needs: planner
            when: "inputs.mode == 'full' && len(nodes.planner.output.files) > 0"
          first:
            skill: engineering/reviewer
            needs: [review, lint]
            join: any
          two:
            skill: engineering/reviewer
            needs: [review, lint, first]
            join: { quorum: 2 }
          coder:
            skill: engineering/python-fixer
            needs: planner
            with: { report: "${{ nodes.tester.output }}", mine: "${{ nodes.coder.output }}" }
          tester:
            tool: tests.run
            needs: coder
            with: { repo: x }
            loop: { back_to: coder, until: "nodes.tester.output.passed == true", max_iterations: 4, on_exhausted: continue }
          report:
            skill: engineering/reviewer
            needs: tester
            optional: true
            with: { code: "${{ nodes.coder.output }}" }
        """;

    [Fact]
    public void Load_When_ParsesTheCondition()
    {
        var lint = GraphTestData.LoadValid(Pipeline).FindNode("lint")!;

        Assert.Equal("inputs.mode == 'full' && len(nodes.planner.output.files) > 0", lint.When!.Text);
        Assert.Equal(["inputs.mode", "nodes.planner.output.files"], lint.When.References.Select(r => r.Text));
        Assert.Null(lint.ForEach);
        Assert.Equal(NodeJoin.All, lint.Join);
    }

    [Fact]
    public void Load_ForEach_ReadsItemsAndMaxItems()
    {
        var review = GraphTestData.LoadValid(Pipeline).FindNode("review")!;

        Assert.Equal("nodes.planner.output.files", review.ForEach!.Items.Reference);
        Assert.Equal(50, review.ForEach.MaxItems);
        Assert.Null(review.When);
    }

    [Fact]
    public void Load_ForEachWithoutMaxItems_DefaultsToOneThousand()
    {
        var graph = GraphTestData.LoadValid("name: fan\ninputs:\n  files: { type: array }\nnodes:\n  r:\n    skill: engineering/reviewer\n    for_each: inputs.files\n");

        Assert.Equal((NodeForEach.DefaultMaxItems, "inputs.files"), (graph.Nodes[0].ForEach!.MaxItems, graph.Nodes[0].ForEach!.Items.Reference));
    }

    [Fact]
    public void Load_Joins_ReadAnyAndQuorum()
    {
        var graph = GraphTestData.LoadValid(Pipeline);

        Assert.Equal(NodeJoin.Any, graph.FindNode("first")!.Join);
        Assert.Equal(new NodeJoin(JoinMode.Quorum, 2), graph.FindNode("two")!.Join);
        Assert.Equal("quorum: 2", graph.FindNode("two")!.Join.ToString());
    }

    [Fact]
    public void Load_Loop_ReadsEveryKey()
    {
        var graph = GraphTestData.LoadValid(Pipeline);
        var loop = graph.FindNode("tester")!.Loop!;

        Assert.Equal(("coder", "nodes.tester.output.passed == true", 4, LoopExhaustion.Continue), (loop.BackTo, loop.Until.Text, loop.MaxIterations, loop.OnExhausted));
        Assert.True(graph.FindNode("report")!.Policy.Optional);
    }

    [Fact]
    public void Load_LoopWithDefaults_ThreeIterationsAndFail()
    {
        var graph = GraphTestData.LoadValid("name: again\nnodes:\n  t:\n    skill: engineering/planner\n    loop: { back_to: t, until: 'nodes.t.output.ok' }\n");

        var loop = graph.Nodes[0].Loop!;
        Assert.Equal((NodeLoop.DefaultMaxIterations, LoopExhaustion.Fail, "t"), (loop.MaxIterations, loop.OnExhausted, loop.BackTo));
    }

    [Fact]
    public void Load_JoinAll_IsTheDefaultWrittenOut()
    {
        var graph = GraphTestData.LoadValid("name: joins\nnodes:\n  a: { skill: engineering/planner }\n  b:\n    skill: engineering/planner\n    needs: a\n    join: all\n");

        Assert.Equal(NodeJoin.All, graph.FindNode("b")!.Join);
    }
}
