using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.Exports;
using AgentFunctions.Core.Learning.RegressionTests;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>promptfoo YAML and DeepEval goldens of regression tests.</summary>
public sealed class ExportTests
{
    private static readonly RegressionTest s_test = new()
    {
        Id = "TEST-001",
        SkillId = "ecm/order-details",
        CorrectionId = "CORR-000001",
        RuleId = "REFL-001",
        RunId = "run-1",
        NodeId = "lookup",
        Input = JsonNode.Parse("""{"order_id":"AE1","count":2}""")!.AsObject(),
        ExpectedOutput = JsonNode.Parse("""{"action":"escalate_lulu"}"""),
        CorrectionText = "UAE corridor orders need LULU escalation, not standard path",
        RuleText = "Escalate UAE corridor orders to LULU.",
        Assertions =
        [
            new(AssertionType.EqualsValue, "/action", JsonValue.Create("escalate_lulu"), "d"),
            new(AssertionType.NotContains, "/action", JsonValue.Create("standard_path"), "d"),
            new(AssertionType.EqualsValue, "/meta", JsonNode.Parse("""{"a":[1,2]}"""), "d"),
            new(AssertionType.Contains, "", JsonValue.Create("{{ literally }}"), "d"),
            AssertionDeriver.Rubric("Escalate UAE corridor orders to LULU."),
        ],
        Notes = [],
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Promptfoo_Export_ParsesBackWithTheHttpProviderBodyVarsAndAssertions()
    {
        var yaml = PromptfooExporter.Export("ecm/order-details", [s_test], new Uri("http://localhost:7071/"), includeRubric: false);

        var root = Load(yaml);
        var provider = (YamlMappingNode)((YamlSequenceNode)root["providers"])[0];
        var config = (YamlMappingNode)provider["config"];
        Assert.Equal("https", Scalar(provider["id"]));
        Assert.Equal(("http://localhost:7071/api/skills/ecm/order-details/execute", "POST", "json.output"), (Scalar(config["url"]), Scalar(config["method"]), Scalar(config["transformResponse"])));
        var body = (YamlMappingNode)config["body"];
        Assert.Equal(("{{ input | dump }}", "120"), (Scalar(body["input"]), Scalar(body["waitSeconds"])));
        var test = (YamlMappingNode)((YamlSequenceNode)root["tests"])[0];
        var input = (YamlMappingNode)((YamlMappingNode)test["vars"])["input"];
        Assert.Equal(("AE1", "2"), (Scalar(input["order_id"]), Scalar(input["count"])));
        var metadata = (YamlMappingNode)test["metadata"];
        Assert.Equal(("REFL-001", "CORR-000001", "run-1", "lookup"), (Scalar(metadata["ruleId"]), Scalar(metadata["correctionId"]), Scalar(metadata["runId"]), Scalar(metadata["nodeId"])));
        var asserts = ((YamlSequenceNode)test["assert"]).Cast<YamlMappingNode>().ToList();
        Assert.Equal(["equals", "not-icontains", "javascript", "javascript"], asserts.Select(a => Scalar(a["type"])));
        Assert.Equal(("escalate_lulu", "output?.[\"action\"] ?? null", "rule:REFL-001"), (Scalar(asserts[0]["value"]), Scalar(asserts[0]["transform"]), Scalar(asserts[0]["metric"])));
        Assert.Contains("const e = { \"a\": [1, 2] };", Scalar(asserts[2]["value"]), StringComparison.Ordinal);
        Assert.DoesNotContain("{{ literally", Scalar(asserts[3]["value"]), StringComparison.Ordinal);
        Assert.Contains("\\u007b\\u007b literally \\u007d\\u007d", Scalar(asserts[3]["value"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Promptfoo_ExportWithRubric_AddsLlmRubricWithTheRuleText()
    {
        var yaml = PromptfooExporter.Export("ecm/order-details", [s_test], new Uri("http://localhost:7071"), includeRubric: true);

        var test = (YamlMappingNode)((YamlSequenceNode)Load(yaml)["tests"])[0];
        var rubric = ((YamlSequenceNode)test["assert"]).Cast<YamlMappingNode>().Last();
        Assert.Equal(("llm-rubric", "Escalate UAE corridor orders to LULU."), (Scalar(rubric["type"]), Scalar(rubric["value"])));
        Assert.Contains("--grader", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Promptfoo_ExportWithoutRubric_LeavesOutRubricOnlyTestsAndSaysSo()
    {
        var rubricOnly = s_test with { Id = "TEST-002", Assertions = [AssertionDeriver.Rubric("Escalate UAE corridor orders to LULU.")] };

        var yaml = PromptfooExporter.Export("ecm/order-details", [s_test, rubricOnly], new Uri("http://localhost:7071"), includeRubric: false);

        Assert.Single((YamlSequenceNode)Load(yaml)["tests"]);
        Assert.Contains("# Left out: TEST-002 has only a rubric assertion", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Promptfoo_NothingRunnable_IsRefusedWithTheReason()
    {
        var rubricOnly = s_test with { Id = "TEST-002", Assertions = [AssertionDeriver.Rubric("Escalate UAE corridor orders to LULU.")] };

        var none = PromptfooExporter.WhyNotRunnable("ecm/order-details", [], includeRubric: false);
        var onlyRubrics = PromptfooExporter.WhyNotRunnable("ecm/order-details", [rubricOnly], includeRubric: false);

        Assert.Contains("has no regression tests yet", none, StringComparison.Ordinal);
        Assert.Contains("(TEST-002) has a deterministic assertion", onlyRubrics, StringComparison.Ordinal);
        Assert.Null(PromptfooExporter.WhyNotRunnable("ecm/order-details", [rubricOnly], includeRubric: true));
        Assert.Equal(onlyRubrics, Assert.Throws<InvalidOperationException>(() => PromptfooExporter.Export("ecm/order-details", [rubricOnly], new Uri("http://localhost:7071"), includeRubric: false)).Message);
        Assert.NotNull(DeepEvalExporter.WhyNotRunnable("ecm/order-details", []));
    }

    [Fact]
    public void Promptfoo_ConditionalAssertion_IsJavascriptThatFailsWhenTheConditionDoesNotHold()
    {
        var conditional = s_test with
        {
            Assertions = [new TestAssertion(AssertionType.EqualsValue, "/recommendation", JsonValue.Create("discuss"), "d") { When = new AssertionCondition(AssertionCondition.Output, "/fit_score", 50, 70) }],
        };

        var yaml = PromptfooExporter.Export("hr/resume-screen", [conditional], new Uri("http://localhost:7071"), includeRubric: false);

        var assertion = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)Load(yaml)["tests"])[0])["assert"])[0];
        Assert.Equal("javascript", Scalar(assertion["type"]));
        var body = Scalar(assertion["value"]);
        Assert.Contains("const c = output?.[\"fit_score\"] ?? null;", body, StringComparison.Ordinal);
        Assert.Contains("if (!(typeof c === 'number' && c >= 50 && c <= 70)) return ({ pass: false", body, StringComparison.Ordinal);
        Assert.Contains("const e = \"discuss\";", body, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepEval_Export_HasTheGoldenShape()
    {
        var goldens = JsonNode.Parse(DeepEvalExporter.Export("ecm/order-details", [s_test]))!.AsArray();

        var golden = Assert.Single(goldens)!.AsObject();
        Assert.Equal(["input", "expected_output", "context", "additional_metadata"], golden.Select(p => p.Key));
        Assert.Equal("{\"order_id\":\"AE1\",\"count\":2}", golden["input"]!.GetValue<string>());
        Assert.Equal("{\"action\":\"escalate_lulu\"}", golden["expected_output"]!.GetValue<string>());
        Assert.Equal("Rule REFL-001: Escalate UAE corridor orders to LULU.", golden["context"]![0]!.GetValue<string>());
        var metadata = golden["additional_metadata"]!.AsObject();
        Assert.Equal(("TEST-001", "REFL-001", "CORR-000001"), (metadata["test_id"]!.GetValue<string>(), metadata["rule_id"]!.GetValue<string>(), metadata["correction_id"]!.GetValue<string>()));
        Assert.Equal(5, metadata["assertions"]!.AsArray().Count);
    }

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;
}
