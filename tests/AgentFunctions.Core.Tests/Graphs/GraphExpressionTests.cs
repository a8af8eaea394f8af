using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

public sealed class GraphExpressionTests
{
    private static readonly JsonObject s_inputs = new()
    {
        ["repo"] = "examples/sample-repo",
        ["count"] = 3,
        ["optional"] = null,
    };

    private static readonly Dictionary<string, JsonNode?> s_outputs = new()
    {
        ["fixer"] = JsonNode.Parse("""{"patch":"diff --git a b","files":["a.py","b.py"],"stats":{"added":2,"ok":true},"odd key":1}"""),
    };

    [Fact]
    public void Parse_NodeOutputWithPath_ReadsRootNameAndSegments()
    {
        var expression = GraphExpression.Parse("${{ nodes.fixer.output.files[1].name }}");

        Assert.Equal(ExpressionRoot.Nodes, expression.Root);
        Assert.Equal("fixer", expression.Name);
        Assert.Equal([new ExpressionSegment("files", null), new ExpressionSegment(null, 1), new ExpressionSegment("name", null)], expression.Path);
        Assert.Equal("nodes.fixer.output.files[1].name", expression.Reference);
    }

    [Fact]
    public void Parse_BareInputReference_AddsDelimiters()
    {
        var expression = GraphExpression.Parse("inputs.repo");

        Assert.Equal((ExpressionRoot.Inputs, "repo", "${{ inputs.repo }}"), (expression.Root, expression.Name, expression.Text));
        Assert.Empty(expression.Path);
    }

    [Theory]
    [InlineData("${{ input.repo }}", "unknown root 'input'")]
    [InlineData("${{ inputs }}", "expected an input name")]
    [InlineData("${{ nodes.fixer.patch }}", "expected 'nodes.fixer.output'")]
    [InlineData("${{ nodes.fixer.output.files[-1] }}", "expected [n]")]
    [InlineData("${{ nodes.fixer.output. }}", "expected a field name")]
    [InlineData("${{ inputs.repo + 1 }}", "unexpected ' + 1'")]
    [InlineData("${{  }}", "expected 'inputs.<name>'")]
    public void TryParse_Malformed_ReturnsError(string text, string expected)
    {
        Assert.False(GraphExpression.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_TextAroundExpressions_FindsAllAndIsNotExact()
    {
        var scan = GraphExpression.Scan("fix ${{ inputs.repo }} with ${{ nodes.fixer.output.patch }}");

        Assert.True(scan.IsValid);
        Assert.False(scan.IsExact);
        Assert.Equal(["inputs.repo", "nodes.fixer.output.patch"], scan.Expressions.Select(e => e.Reference));
    }

    [Fact]
    public void Scan_Unterminated_ReportsError()
    {
        var scan = GraphExpression.Scan("x ${{ inputs.repo ");

        Assert.False(scan.IsValid);
        Assert.Contains("no closing '}}'", Assert.Single(scan.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExactExpression_KeepsJsonType()
    {
        var template = new JsonObject
        {
            ["files"] = "${{ nodes.fixer.output.files }}",
            ["stats"] = "${{ nodes.fixer.output.stats }}",
            ["count"] = "${{ inputs.count }}",
            ["optional"] = "${{ inputs.optional }}",
            ["literal"] = 5,
        };

        var resolved = GraphExpression.Resolve(template, s_inputs, s_outputs);

        var expected = JsonNode.Parse("""{"files":["a.py","b.py"],"stats":{"added":2,"ok":true},"count":3,"optional":null,"literal":5}""");
        Assert.True(JsonNode.DeepEquals(expected, resolved), resolved!.ToJsonString());
    }

    [Fact]
    public void Resolve_EmbeddedExpressions_StringifiesValues()
    {
        var resolved = GraphExpression.Resolve(
            JsonValue.Create("repo=${{ inputs.repo }} n=${{ inputs.count }} stats=${{ nodes.fixer.output.stats }} none=${{ inputs.optional }}."),
            s_inputs,
            s_outputs);

        Assert.Equal("repo=examples/sample-repo n=3 stats={\"added\":2,\"ok\":true} none=.", resolved!.GetValue<string>());
    }

    [Fact]
    public void Resolve_ArrayIndexAndQuotedField_ReadsValues()
    {
        var template = new JsonArray("${{ nodes.fixer.output.files[1] }}", "${{ nodes.fixer.output['odd key'] }}");

        var resolved = GraphExpression.Resolve(template, s_inputs, s_outputs);

        Assert.Equal("""["b.py",1]""", resolved!.ToJsonString());
    }

    [Fact]
    public void Resolve_Template_DoesNotShareNodesWithOutputsOrTemplate()
    {
        var template = new JsonObject { ["stats"] = "${{ nodes.fixer.output.stats }}" };

        var resolved = (JsonObject)GraphExpression.Resolve(template, s_inputs, s_outputs)!;
        resolved["stats"]!["added"] = 99;

        Assert.Equal(2, s_outputs["fixer"]!["stats"]!["added"]!.GetValue<int>());
        Assert.Equal("${{ nodes.fixer.output.stats }}", template["stats"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("${{ nodes.fixer.output.diff }}", "nodes.fixer.output has no field 'diff' (fields: patch, files, stats, odd key)")]
    [InlineData("${{ nodes.fixer.output.files[5] }}", "index 5 is out of range: nodes.fixer.output.files has 2 item(s)")]
    [InlineData("${{ nodes.fixer.output.patch.text }}", "nodes.fixer.output.patch is a string, not an object")]
    [InlineData("${{ nodes.planner.output }}", "node 'planner' has no output yet")]
    [InlineData("${{ inputs.missing }}", "the run has no input 'missing'")]
    public void Resolve_MissingPath_ThrowsNamingExpression(string text, string expected)
    {
        var ex = Assert.Throws<GraphExpressionException>(() => GraphExpression.Resolve(JsonValue.Create("x " + text), s_inputs, s_outputs));

        Assert.Equal(text, ex.Expression);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Expression '{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindAll_LoadedWithMap_ListsReferencedNodes()
    {
        var tester = GraphTestData.LoadValid(GraphTestData.GitToProd).FindNode("tester")!;

        var expressions = GraphExpression.FindAll(tester.With);

        Assert.Equal(["python_fixer"], expressions.Where(e => e.Root == ExpressionRoot.Nodes).Select(e => e.Name).Distinct());
        Assert.Equal(4, expressions.Count);
    }

    [Fact]
    public void Resolve_LoadedWithMap_ProducesToolArguments()
    {
        var tester = GraphTestData.LoadValid(GraphTestData.GitToProd).FindNode("tester")!;
        var inputs = new JsonObject { ["repo"] = "examples/sample-repo", ["issue"] = "#12" };
        var outputs = new Dictionary<string, JsonNode?> { ["python_fixer"] = new JsonObject { ["patch"] = "P" } };

        var resolved = GraphExpression.Resolve(tester.With, inputs, outputs)!;

        Assert.Equal("P", resolved["patch"]!.GetValue<string>());
        Assert.Equal("fix #12 in examples/sample-repo", resolved["summary"]!.GetValue<string>());
        Assert.True(resolved["verbose"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("${{nodes.fixer.output['odd key']}}", "nodes.fixer.output['odd key']")]
    [InlineData("${{ nodes.fixer.output[\"it's\"] }}", "nodes.fixer.output[\"it's\"]")]
    [InlineData("${{ inputs.repo }}", "inputs.repo")]
    public void Reference_QuotedFields_RoundTripsThroughParse(string text, string reference)
    {
        var expression = GraphExpression.Parse(text);

        Assert.Equal(reference, expression.Reference);
        Assert.Equal(reference, GraphExpression.Parse(expression.Reference).Reference);
    }
}
