using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

public sealed class GraphLoaderTests
{
    [Fact]
    public void Load_ValidGraph_ReadsGraphLevelFields()
    {
        var graph = GraphTestData.LoadValid(GraphTestData.GitToProd);

        Assert.Equal("git-to-prod", graph.Name);
        Assert.Equal("Fix a failing test and release", graph.Description);
        Assert.Equal(0.50m, graph.Budget.MaxCostUsd);
        Assert.Equal(GraphTestData.GitToProd, graph.SourceText);
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(GraphTestData.GitToProd)));
        Assert.Equal(expectedHash, graph.ContentHash);
        Assert.Equal(["planner", "python_fixer", "tester"], graph.Nodes.Select(n => n.Id));
    }

    [Fact]
    public void Load_ValidGraph_ReadsInputsInFileOrder()
    {
        var graph = GraphTestData.LoadValid(GraphTestData.GitToProd);

        Assert.Equal(2, graph.Inputs.Count);
        var repo = graph.Inputs[0];
        Assert.Equal(("repo", "string", false, "Repository folder"), (repo.Name, repo.Type, repo.Required, repo.Description));
        Assert.Equal("examples/sample-repo", repo.Default!.GetValue<string>());
        var issue = graph.Inputs[1];
        Assert.Equal(("issue", "string", true, null), (issue.Name, issue.Type, issue.Required, issue.Description));
        Assert.Null(issue.Default);
    }

    [Fact]
    public void Load_SkillNodeWithContext_ReadsTargetContextAndLine()
    {
        var planner = GraphTestData.LoadValid(GraphTestData.GitToProd).FindNode("planner")!;

        Assert.Equal(NodeKind.Skill, planner.Kind);
        Assert.Equal("engineering/planner", planner.Target);
        Assert.Empty(planner.Needs);
        Assert.Empty(planner.With);
        Assert.Equal(13, planner.Line);
        Assert.NotNull(planner.Context);
        Assert.Equal("${{ inputs.repo }}", planner.Context.Repository);
        Assert.Equal(["**/*.py", "web/**"], planner.Context.Include);
        Assert.Equal(6000, planner.Context.MaxTokens);
    }

    [Fact]
    public void Load_PolicyKeys_NodeOverridesDefaultsOverBuiltIn()
    {
        var graph = GraphTestData.LoadValid(GraphTestData.GitToProd);

        Assert.Equal(new NodePolicy("openai/gpt-4o", 1, TimeSpan.FromMinutes(2), null, null), graph.FindNode("planner")!.Policy);
        Assert.Equal(new NodePolicy("openai/gpt-4o-mini", 2, TimeSpan.FromSeconds(60), 0.05m, 1200), graph.FindNode("python_fixer")!.Policy);
        Assert.Equal(["planner"], graph.FindNode("python_fixer")!.Needs);
    }

    [Fact]
    public void Load_NoDefaults_UsesBuiltInPolicy()
    {
        var graph = GraphTestData.LoadValid("""
            name: tiny
            nodes:
              only: { skill: engineering/planner }
            """);

        Assert.Equal(NodePolicy.Default, graph.Nodes[0].Policy);
        Assert.Null(graph.Budget.MaxCostUsd);
        Assert.Null(graph.Description);
        Assert.Empty(graph.Inputs);
        Assert.Null(graph.Nodes[0].Context);
    }

    [Fact]
    public void Load_ToolNodeWith_ConvertsYamlScalarsToJsonTypes()
    {
        var tester = GraphTestData.LoadValid(GraphTestData.GitToProd).FindNode("tester")!;

        Assert.Equal(NodeKind.Tool, tester.Kind);
        Assert.Equal("tests.run", tester.Target);
        Assert.Equal(["python_fixer"], tester.Needs);
        Assert.Null(tester.Context);
        var expected = JsonNode.Parse("""
            {"repo":"${{ inputs.repo }}","patch":"${{ nodes.python_fixer.output.patch }}","verbose":true,"attempts":3,
             "ratio":0.5,"label":"true","nothing":null,"summary":"fix ${{ inputs.issue }} in ${{ inputs.repo }}",
             "files":["a.py",{"path":"b.py"}]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, tester.With), tester.With.ToJsonString());
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("24h", 86_400_000)]
    public void Load_Duration_ParsesUnits(string timeout, int milliseconds)
    {
        var graph = GraphTestData.LoadValid($"""
            name: durations
            nodes:
              a: {"{"} skill: engineering/planner, timeout: {timeout} {"}"}
            """);

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), graph.Nodes[0].Policy.Timeout);
    }

    [Theory]
    [InlineData("0.5", "0.5")]
    [InlineData("\"$0.50\"", "0.50")]
    [InlineData("'0.25'", "0.25")]
    [InlineData("$2", "2")]
    [InlineData("0", "0")]
    public void Load_BudgetCost_AcceptsNumberOrDollarString(string written, string expected)
    {
        var graph = GraphTestData.LoadValid($"""
            name: costs
            budget:
              max_cost_usd: {written}
            nodes:
              a: {"{"} skill: engineering/planner {"}"}
            """);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), graph.Budget.MaxCostUsd);
    }

    [Fact]
    public void Load_NeedsAsList_KeepsOrderAndFanIn()
    {
        var graph = GraphTestData.LoadValid("""
            name: fan-in
            nodes:
              a: { skill: engineering/planner }
              b: { skill: engineering/planner }
              join:
                skill: engineering/reviewer
                needs: [b, a]
            """);

        Assert.Equal(["b", "a"], graph.FindNode("join")!.Needs);
        Assert.Equal(5, graph.FindNode("join")!.Line);
    }

    [Fact]
    public void Load_ContextWithoutInclude_DefaultsToAllFiles()
    {
        var graph = GraphTestData.LoadValid("""
            name: ctx
            nodes:
              a:
                skill: engineering/planner
                context: { repo: examples/sample-repo }
            """);

        Assert.Equal(new[] { "**/*" }, graph.Nodes[0].Context!.Include);
        Assert.Null(graph.Nodes[0].Context!.MaxTokens);
    }

    [Fact]
    public void Load_KnownModel_IsAccepted()
    {
        var result = GraphLoader.Load("""
            name: models
            nodes:
              a: { skill: engineering/planner, model: openai/gpt-4o-mini }
            """, "models.yaml", GraphTestData.Context(["openai/gpt-4o-mini"]));

        Assert.True(result.IsValid, result.FormatErrors());
        Assert.Equal("openai/gpt-4o-mini", result.Graph.Nodes[0].Policy.Model);
    }

    [Fact]
    public void Load_YamlAnchorsAndAliases_AreExpanded()
    {
        var graph = GraphTestData.LoadValid("""
            name: anchors
            nodes:
              a:
                tool: tests.run
                with: &args
                  repo: examples/sample-repo
                  files: [x.py]
              b:
                tool: tests.run
                needs: a
                with: *args
            """);

        Assert.True(JsonNode.DeepEquals(graph.Nodes[0].With, graph.Nodes[1].With));
        Assert.NotSame(graph.Nodes[0].With, graph.Nodes[1].With);
        Assert.Equal("examples/sample-repo", graph.Nodes[1].With["repo"]!.GetValue<string>());
    }
}
