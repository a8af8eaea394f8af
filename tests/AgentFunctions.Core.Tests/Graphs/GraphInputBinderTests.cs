using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

public sealed class GraphInputBinderTests
{
    private static readonly GraphDefinition s_graph = GraphTestData.LoadValid("""
        name: inputs
        inputs:
          repo: { type: string, default: examples/sample-repo }
          issue: { type: string, required: true, description: What to fix }
          attempts: { type: integer, default: 2 }
          ratio: { type: number }
          dry_run: { type: boolean, default: false }
          labels: { type: array, default: [bug] }
          extra: { type: object }
        nodes:
          a: { skill: engineering/planner }
        """);

    [Fact]
    public void Bind_RequiredOnly_AppliesDefaultsAndNulls()
    {
        var result = GraphInputBinder.Bind(s_graph, new JsonObject { ["issue"] = "#12" });

        Assert.True(result.IsValid);
        var expected = JsonNode.Parse("""
            {"repo":"examples/sample-repo","issue":"#12","attempts":2,"ratio":null,"dry_run":false,"labels":["bug"],"extra":null}
            """);
        Assert.True(JsonNode.DeepEquals(expected, result.Inputs), result.Inputs.ToJsonString());
    }

    [Fact]
    public void Bind_SuppliedValues_OverrideDefaultsWithMatchingTypes()
    {
        var supplied = JsonNode.Parse("""
            {"repo":"other","issue":"#1","attempts":3.0,"ratio":0.5,"dry_run":true,"labels":[],"extra":{"k":1}}
            """)!.AsObject();

        var result = GraphInputBinder.Bind(s_graph, supplied);

        Assert.True(result.IsValid, string.Join(" | ", result.Errors));
        Assert.True(JsonNode.DeepEquals(supplied, result.Inputs));
    }

    [Fact]
    public void Bind_MissingRequired_ReportsFieldAndDescription()
    {
        var result = GraphInputBinder.Bind(s_graph, null);

        var error = Assert.Single(result.Errors);
        Assert.Equal((GraphErrorCodes.MissingInput, "inputs.issue"), (error.Code, error.Field));
        Assert.Contains("What to fix", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Inputs);
    }

    [Fact]
    public void Bind_ExplicitNullForRequired_CountsAsMissing()
    {
        var result = GraphInputBinder.Bind(s_graph, new JsonObject { ["issue"] = null });

        Assert.Equal(GraphErrorCodes.MissingInput, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Bind_UnknownInput_ReportsSuggestion()
    {
        var result = GraphInputBinder.Bind(s_graph, new JsonObject { ["issue"] = "#1", ["isue"] = "#1" });

        var error = Assert.Single(result.Errors);
        Assert.Equal((GraphErrorCodes.UnknownInput, "inputs.isue"), (error.Code, error.Field));
        Assert.Contains("did you mean 'issue'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_WrongTypes_ReportsEachField()
    {
        var supplied = JsonNode.Parse("""{"issue":12,"attempts":2.5,"ratio":"half","dry_run":"yes","labels":"bug","extra":[]}""")!.AsObject();

        var result = GraphInputBinder.Bind(s_graph, supplied);

        Assert.All(result.Errors, e => Assert.Equal(GraphErrorCodes.InvalidInputType, e.Code));
        Assert.Equal(["inputs.issue", "inputs.attempts", "inputs.ratio", "inputs.dry_run", "inputs.labels", "inputs.extra"], result.Errors.Select(e => e.Field));
        Assert.Contains("must be a string, not number 12", result.Errors[0].Message, StringComparison.Ordinal);
    }
}
