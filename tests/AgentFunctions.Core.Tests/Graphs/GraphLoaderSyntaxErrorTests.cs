using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary>Errors in the shape of the file: YAML syntax, keys, value types and ranges.</summary>
public sealed class GraphLoaderSyntaxErrorTests
{
    [Fact]
    public void Load_BrokenYaml_ReportsYamlSyntaxWithLine()
    {
        var errors = GraphTestData.LoadErrors("""
            name: broken
            nodes:
              a:
                skill: [engineering/planner
                needs: b
            """);

        var error = Assert.Single(errors);
        Assert.Equal(GraphErrorCodes.YamlSyntax, error.Code);
        Assert.Equal(4, error.Line);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateKey_ReportsYamlSyntaxAtSecondKey()
    {
        var error = GraphTestData.SingleError("""
            name: dup
            nodes:
              a: { skill: engineering/planner }
              a: { skill: engineering/reviewer }
            """, GraphErrorCodes.YamlSyntax);

        Assert.Equal(4, error.Line);
        Assert.Contains("key 'a' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspeltNodeKey_ReportsUnknownKeyWithSuggestion()
    {
        var error = GraphTestData.SingleError("""
            name: typo
            nodes:
              a: { skill: engineering/planner }
              b:
                skill: engineering/reviewer
                neds: a
            """, GraphErrorCodes.UnknownKey);

        Assert.Equal((6, 5, "b", "nodes.b.neds"), (error.Line, error.Column, error.NodeId, error.Field));
        Assert.Contains("did you mean 'needs'?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nodez: {}", 1, "nodes")]
    [InlineData("budget: { max_cost: 1 }", 1, "max_cost_usd")]
    [InlineData("defaults: { retry: 2 }", 1, "retries")]
    [InlineData("inputs: { repo: { tpye: string } }", 1, "type")]
    public void Load_UnknownKeyAtAnyLevel_ReportsSuggestion(string line, int lineNumber, string suggestion)
    {
        var yaml = line + "\nname: levels\nnodes:\n  a: { skill: engineering/planner }\n";
        var error = GraphTestData.SingleError(yaml, GraphErrorCodes.UnknownKey);

        Assert.Equal(lineNumber, error.Line);
        Assert.Contains($"did you mean '{suggestion}'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownContextKey_ReportsNodeAndLine()
    {
        var error = GraphTestData.SingleError("""
            name: ctx
            nodes:
              a:
                skill: engineering/planner
                context:
                  repo: x
                  max_token: 10
            """, GraphErrorCodes.UnknownKey);

        Assert.Equal((7, "a", "nodes.a.context.max_token"), (error.Line, error.NodeId, error.Field));
        Assert.Contains("did you mean 'max_tokens'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoNameAndNoNodes_ReportsMissingKeys()
    {
        var errors = GraphTestData.LoadErrors("description: nothing here\n");

        Assert.Equal(2, errors.Count(e => e.Code == GraphErrorCodes.MissingKey));
        Assert.Contains(errors, e => e.Field == "name" && e.Line == 1);
        Assert.Contains(errors, e => e.Field == "nodes" && e.Line == 1);
    }

    [Fact]
    public void Load_ContextWithoutRepo_ReportsMissingKey()
    {
        var error = GraphTestData.SingleError("""
            name: ctx
            nodes:
              a:
                skill: engineering/planner
                context:
                  include: ["*.py"]
            """, GraphErrorCodes.MissingKey);

        Assert.Equal((5, "a", "nodes.a.context.repo"), (error.Line, error.NodeId, error.Field));
    }

    [Theory]
    [InlineData("name: Bad_Name", 1, "name")]
    [InlineData("defaults: { timeout: 30 }", 1, "defaults.timeout")]
    [InlineData("defaults: { timeout: 0s }", 1, "defaults.timeout")]
    [InlineData("defaults: { timeout: 25h }", 1, "defaults.timeout")]
    [InlineData("defaults: { max_cost_usd: -0.01 }", 1, "defaults.max_cost_usd")]
    [InlineData("defaults: { max_cost_usd: cheap }", 1, "defaults.max_cost_usd")]
    [InlineData("defaults: { retries: 11 }", 1, "defaults.retries")]
    [InlineData("defaults: { retries: -1 }", 1, "defaults.retries")]
    [InlineData("defaults: { retries: two }", 1, "defaults.retries")]
    [InlineData("defaults: { max_output_tokens: 0 }", 1, "defaults.max_output_tokens")]
    [InlineData("defaults: { max_output_tokens: 200001 }", 1, "defaults.max_output_tokens")]
    [InlineData("defaults: { model: gpt-4o }", 1, "defaults.model")]
    [InlineData("budget: { max_cost_usd: \"$-1\" }", 1, "budget.max_cost_usd")]
    [InlineData("inputs: { 9lives: { type: string } }", 1, "inputs.9lives")]
    [InlineData("inputs: { a: { type: text } }", 1, "inputs.a.type")]
    [InlineData("inputs: { a: { type: integer, default: 1.5 } }", 1, "inputs.a.default")]
    [InlineData("inputs: { a: { required: true, default: x } }", 1, "inputs.a.default")]
    [InlineData("inputs: { a: { required: maybe } }", 1, "inputs.a.required")]
    [InlineData("inputs: [a, b]", 1, "inputs")]
    public void Load_BadGraphLevelValue_ReportsInvalidValue(string line, int lineNumber, string field)
    {
        var yaml = (line.StartsWith("name:", StringComparison.Ordinal) ? line : line + "\nname: values") + "\nnodes:\n  a: { skill: engineering/planner }\n";
        var error = GraphTestData.SingleError(yaml, GraphErrorCodes.InvalidValue);

        Assert.Equal((lineNumber, field), (error.Line, error.Field));
        Assert.Null(error.NodeId);
    }

    [Theory]
    [InlineData("retries: 11", "nodes.b.retries")]
    [InlineData("timeout: 2 minutes", "nodes.b.timeout")]
    [InlineData("max_output_tokens: 500000", "nodes.b.max_output_tokens")]
    [InlineData("max_cost_usd: -1", "nodes.b.max_cost_usd")]
    [InlineData("needs: { a: 1 }", "nodes.b.needs")]
    [InlineData("with: [1, 2]", "nodes.b.with")]
    public void Load_BadNodeValue_ReportsInvalidValueOnItsLine(string line, string field)
    {
        var error = GraphTestData.SingleError($"""
            name: values
            nodes:
              a: {"{"} skill: engineering/planner {"}"}
              b:
                skill: engineering/reviewer
                {line}
            """, GraphErrorCodes.InvalidValue);

        Assert.Equal((6, "b", field), (error.Line, error.NodeId, error.Field));
    }

    [Fact]
    public void Load_BadNodeIdAndSkillId_ReportsInvalidValues()
    {
        var errors = GraphTestData.LoadErrors("""
            name: ids
            nodes:
              1st: { skill: engineering/planner }
              ok: { skill: Engineering Planner }
            """);

        Assert.Contains(errors, e => e.Code == GraphErrorCodes.InvalidValue && e.Line == 3 && e.NodeId == "1st");
        Assert.Contains(errors, e => e.Code == GraphErrorCodes.InvalidValue && e.Line == 4 && e.Field == "nodes.ok.skill");
    }

    [Theory]
    [InlineData("name: empty\nnodes: {}\n", 2)]
    [InlineData("name: empty\nnodes:\n", 2)]
    [InlineData("", 1)]
    [InlineData("# only a comment\n", 1)]
    public void Load_NoNodes_ReportsEmptyGraph(string yaml, int line)
    {
        var error = GraphTestData.SingleError(yaml, GraphErrorCodes.EmptyGraph);

        Assert.Equal(line, error.Line);
    }
}
