using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary>Errors in what nodes reference: skills, tools, models, other nodes, inputs and tool arguments.</summary>
public sealed class GraphLoaderReferenceErrorTests
{
    [Fact]
    public void Load_SkillAndTool_ReportsSkillAndToolAtNode()
    {
        var error = GraphTestData.SingleError("""
            name: both
            nodes:
              a:
                skill: engineering/planner
                tool: tests.run
                with: { repo: x }
            """, GraphErrorCodes.SkillAndTool);

        Assert.Equal((3, "a"), (error.Line, error.NodeId));
    }

    [Fact]
    public void Load_NeitherSkillNorTool_ReportsNoSkillOrToolAtNode()
    {
        var error = GraphTestData.SingleError("""
            name: neither
            nodes:
              a: { skill: engineering/planner }
              b:
                needs: a
            """, GraphErrorCodes.NoSkillOrTool);

        Assert.Equal((4, "b"), (error.Line, error.NodeId));
    }

    [Fact]
    public void Load_UnknownSkill_ReportsSuggestion()
    {
        var error = GraphTestData.SingleError("""
            name: skills
            nodes:
              a:
                skill: engineering/planer
            """, GraphErrorCodes.UnknownSkill);

        Assert.Equal((4, "a", "nodes.a.skill"), (error.Line, error.NodeId, error.Field));
        Assert.Contains("did you mean 'engineering/planner'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownTool_ReportsKnownTools()
    {
        var error = GraphTestData.SingleError("""
            name: tools
            nodes:
              a:
                tool: test.run
            """, GraphErrorCodes.UnknownTool);

        Assert.Equal((4, "a"), (error.Line, error.NodeId));
        Assert.Contains("did you mean 'tests.run'?", error.Message, StringComparison.Ordinal);
        Assert.Contains("git.apply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownModelOnNodeAndDefaults_ReportsBoth()
    {
        var errors = GraphTestData.LoadErrors("""
            name: models
            defaults:
              model: openai/gpt-5
            nodes:
              a:
                skill: engineering/planner
                model: openai/gpt-4o-mimi
            """, GraphTestData.Context(["openai/gpt-4o-mini"]));

        Assert.All(errors, e => Assert.Equal(GraphErrorCodes.UnknownModel, e.Code));
        Assert.Equal([(3, null), (7, "a")], errors.Select(e => (e.Line, e.NodeId)));
        Assert.Contains("did you mean 'openai/gpt-4o-mini'?", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelsNotChecked_AcceptsAnyModel()
    {
        var graph = GraphTestData.LoadValid("""
            name: models
            nodes:
              a: { skill: engineering/planner, model: local/anything }
            """);

        Assert.Equal("local/anything", graph.Nodes[0].Policy.Model);
    }

    [Fact]
    public void Load_NeedsUnknownNode_ReportsUnknownNodeOnItsLine()
    {
        var error = GraphTestData.SingleError("""
            name: needs
            nodes:
              planner: { skill: engineering/planner }
              fixer:
                skill: engineering/python-fixer
                needs:
                  - planner
                  - planer
            """, GraphErrorCodes.UnknownNode);

        Assert.Equal((8, "fixer", "nodes.fixer.needs"), (error.Line, error.NodeId, error.Field));
        Assert.Contains("did you mean 'planner'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NodeNeedsItself_ReportsSelfDependency()
    {
        var error = GraphTestData.SingleError("""
            name: selfish
            nodes:
              a:
                skill: engineering/planner
                needs: [a]
            """, GraphErrorCodes.SelfDependency);

        Assert.Equal((5, "a"), (error.Line, error.NodeId));
        Assert.DoesNotContain(GraphTestData.LoadErrors("name: selfish\nnodes:\n  a: { skill: engineering/planner, needs: a }\n"), e => e.Code == GraphErrorCodes.Cycle);
    }

    [Fact]
    public void Load_Cycle_ReportsPathFromFirstNodeInFile()
    {
        var error = GraphTestData.SingleError("""
            name: loop
            nodes:
              start: { skill: engineering/planner }
              a:
                skill: engineering/planner
                needs: [start, c]
              b:
                skill: engineering/planner
                needs: a
              c:
                skill: engineering/planner
                needs: b
            """, GraphErrorCodes.Cycle);

        Assert.Equal((4, "a"), (error.Line, error.NodeId));
        Assert.Contains("a → b → c → a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoSeparateCycles_ReportsEach()
    {
        var errors = GraphTestData.LoadErrors("""
            name: loops
            nodes:
              a: { skill: engineering/planner, needs: b }
              b: { skill: engineering/planner, needs: a }
              c: { skill: engineering/planner, needs: d }
              d: { skill: engineering/planner, needs: c }
            """);

        Assert.Equal(["a → b → a", "c → d → c"], errors.Where(e => e.Code == GraphErrorCodes.Cycle).Select(e => e.Message.Split(": ")[1].Split('.')[0]));
        Assert.Equal([3, 5], errors.Select(e => e.Line!.Value));
    }

    [Fact]
    public void Load_ContextOnToolNode_ReportsContextOnTool()
    {
        var error = GraphTestData.SingleError("""
            name: ctx
            nodes:
              t:
                tool: tests.run
                with: { repo: x }
                context:
                  repo: x
            """, GraphErrorCodes.ContextOnTool);

        Assert.Equal((6, "t"), (error.Line, error.NodeId));
    }

    [Fact]
    public void Load_ExpressionReadsUndeclaredInput_ReportsUnknownInput()
    {
        var error = GraphTestData.SingleError("""
            name: exprs
            inputs:
              repo: { type: string }
            nodes:
              t:
                tool: tests.run
                with:
                  repo: ${{ inputs.rep }}
            """, GraphErrorCodes.UnknownInput);

        Assert.Equal((8, "t", "nodes.t.with.repo"), (error.Line, error.NodeId, error.Field));
        Assert.Contains("did you mean 'repo'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExpressionReadsUnknownNode_ReportsUnknownNode()
    {
        var error = GraphTestData.SingleError("""
            name: exprs
            nodes:
              t:
                tool: tests.run
                with:
                  repo: x
                  patch: "${{ nodes.ghost.output.patch }}"
            """, GraphErrorCodes.UnknownNode);

        Assert.Equal((7, "t", "nodes.t.with.patch"), (error.Line, error.NodeId, error.Field));
    }

    [Fact]
    public void Load_ExpressionReadsNodeNotUpstream_ReportsNotUpstream()
    {
        var error = GraphTestData.SingleError("""
            name: exprs
            nodes:
              fixer: { skill: engineering/python-fixer }
              other: { skill: engineering/planner }
              t:
                tool: tests.run
                needs: other
                with:
                  repo: x
                  patch: ${{ nodes.fixer.output.patch }}
            """, GraphErrorCodes.NotUpstream);

        Assert.Equal((10, "t"), (error.Line, error.NodeId));
        Assert.Contains("add 'fixer' to the needs of 't'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExpressionReadsTransitivePredecessor_IsValid()
    {
        var graph = GraphTestData.LoadValid("""
            name: exprs
            nodes:
              fixer: { skill: engineering/python-fixer }
              review: { skill: engineering/reviewer, needs: fixer }
              t:
                tool: tests.run
                needs: review
                with:
                  repo: x
                  patch: ${{ nodes.fixer.output.patch }}
            """);

        Assert.Equal(3, graph.Nodes.Count);
    }

    [Fact]
    public void Load_MalformedExpressionInContext_ReportsInvalidExpression()
    {
        var error = GraphTestData.SingleError("""
            name: exprs
            nodes:
              a:
                skill: engineering/planner
                context:
                  repo: ${{ input.repo }}
            """, GraphErrorCodes.InvalidExpression);

        Assert.Equal((6, "a", "nodes.a.context.repo"), (error.Line, error.NodeId, error.Field));
    }

    [Fact]
    public void Load_ToolWithoutRequiredArgument_ReportsMissingArgumentAtWith()
    {
        var error = GraphTestData.SingleError("""
            name: args
            nodes:
              apply:
                tool: git.apply
                with:
                  repo: x
            """, GraphErrorCodes.MissingArgument);

        Assert.Equal((5, "apply", "nodes.apply.with.patch"), (error.Line, error.NodeId, error.Field));
    }

    [Fact]
    public void Load_ToolWithoutWith_ReportsMissingArgumentAtNode()
    {
        var errors = GraphTestData.LoadErrors("""
            name: args
            nodes:
              apply: { tool: git.apply }
            """);

        Assert.Equal(["nodes.apply.with.repo", "nodes.apply.with.patch"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal((GraphErrorCodes.MissingArgument, 3), (e.Code, e.Line!.Value)));
    }

    [Fact]
    public void Load_ToolWithUnknownArgument_ReportsUnknownArgumentWithSuggestion()
    {
        var error = GraphTestData.SingleError("""
            name: args
            nodes:
              apply:
                tool: git.apply
                with:
                  repo: x
                  patch: y
                  pacth: z
            """, GraphErrorCodes.UnknownArgument);

        Assert.Equal((8, "apply", "nodes.apply.with.pacth"), (error.Line, error.NodeId, error.Field));
        Assert.Contains("did you mean 'patch'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManyProblems_ReportsAllOrderedByLine()
    {
        var errors = GraphTestData.LoadErrors("""
            name: Many
            budget: { max_cost_usd: -1 }
            nodes:
              a:
                skill: engineering/nope
                neds: b
              b:
                tool: git.apply
                needs: [ghost]
                with: { repo: x }
                retries: 99
            """);

        Assert.Equal(
            [
                (GraphErrorCodes.InvalidValue, 1),
                (GraphErrorCodes.InvalidValue, 2),
                (GraphErrorCodes.UnknownSkill, 5),
                (GraphErrorCodes.UnknownKey, 6),
                (GraphErrorCodes.UnknownNode, 9),
                (GraphErrorCodes.MissingArgument, 10),
                (GraphErrorCodes.InvalidValue, 11),
            ],
            errors.Select(e => (e.Code, e.Line!.Value)));
    }

    [Fact]
    public void FormatErrors_InvalidGraph_PrefixesSourceLineAndColumn()
    {
        var result = GraphLoader.Load("name: x1\nnodes:\n  a: { skil: engineering/planner }\n", "graphs/x1.yaml", GraphTestData.Context());

        var text = result.FormatErrors();

        Assert.Contains("graphs/x1.yaml:3:8: unknown_key: Unknown key 'skil' in node 'a'; did you mean 'skill'?", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InputWithInvalidSpec_StillKnownToExpressions()
    {
        var errors = GraphTestData.LoadErrors("""
            name: inputs
            inputs:
              repo: { type: strng }
            nodes:
              t:
                tool: tests.run
                with: { repo: "${{ inputs.repo }}" }
            """);

        var error = Assert.Single(errors);
        Assert.Equal((GraphErrorCodes.InvalidValue, 3, "inputs.repo.type"), (error.Code, error.Line!.Value, error.Field));
        Assert.Contains("did you mean 'string'?", error.Message, StringComparison.Ordinal);
    }
}
