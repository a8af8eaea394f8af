using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.RegressionTests;
using AgentFunctions.Core.Learning.Validation;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>Deterministic assertions derived from a correction: from the corrected output's changes, else from quoted text.</summary>
public sealed class AssertionDeriverTests
{
    [Fact]
    public void FromCorrectedOutput_ChangedField_AssertsTheNewValueAndThatTheOldOneIsGone()
    {
        var original = JsonNode.Parse("""{"action":"standard_path","priority":2,"summary":"same","tags":["uae","routine"]}""");
        var corrected = JsonNode.Parse("""{"action":"escalate_lulu","priority":1,"summary":"same","tags":["uae","lulu"]}""")!;

        var derived = AssertionDeriver.FromCorrectedOutput(original, corrected);

        Assert.Contains(derived.Assertions, a => a is { Type: AssertionType.EqualsValue, Path: "/action" } && a.Value!.GetValue<string>() == "escalate_lulu");
        Assert.Contains(derived.Assertions, a => a is { Type: AssertionType.NotContains, Path: "/action" } && a.Value!.GetValue<string>() == "standard_path");
        Assert.Contains(derived.Assertions, a => a is { Type: AssertionType.EqualsValue, Path: "/priority" } && a.Value!.GetValue<int>() == 1);
        Assert.Contains(derived.Assertions, a => a is { Type: AssertionType.Contains, Path: "/tags" } && a.Value!.GetValue<string>() == "lulu");
        Assert.Contains(derived.Assertions, a => a is { Type: AssertionType.NotContains, Path: "/tags" } && a.Value!.GetValue<string>() == "routine");
        Assert.DoesNotContain(derived.Assertions, a => a.Path == "/summary");
    }

    [Fact]
    public void FromCorrectedOutput_LongText_AssertsTheWordsAndShapesTheCorrectionAdded()
    {
        var original = JsonNode.Parse("""{"summary":"The order is delayed. Follow the usual process and wait for the payment partner to respond."}""");
        var corrected = JsonNode.Parse("""{"summary":"The order is delayed. Escalate to the LULU operations team before 2026-03-05 and wait for their answer."}""")!;

        var derived = AssertionDeriver.FromCorrectedOutput(original, corrected);

        Assert.Equal(["escalate", "lulu", "operations"], derived.Assertions.Where(a => a.Type == AssertionType.Contains).Select(a => a.Value!.GetValue<string>()));
        Assert.Contains(derived.Assertions, a => a.Type == AssertionType.Regex && a.Value!.GetValue<string>() == @"\b\d{4}-\d{2}-\d{2}\b");
        Assert.Contains(derived.Assertions, a => a.Type == AssertionType.NotContains && a.Value!.GetValue<string>().StartsWith("The order is delayed. Follow", StringComparison.Ordinal));
    }

    [Fact]
    public void FromText_QuotedSpans_BecomeContainsAndNegatedOnesNotContains()
    {
        var derived = AssertionDeriver.FromText("Use \"LULU escalation\" instead of \"standard path\"; the status must read 'CNR_RESERVED'.");

        Assert.Equal(
            [(AssertionType.Contains, "LULU escalation"), (AssertionType.NotContains, "standard path"), (AssertionType.Contains, "CNR_RESERVED")],
            derived.Assertions.Select(a => (a.Type, a.Value!.GetValue<string>())));
        Assert.All(derived.Assertions, a => Assert.Equal(string.Empty, a.Path));
    }

    [Fact]
    public void FromText_NothingQuoted_DerivesNothingAndSaysTheRubricMustDoIt()
    {
        var derived = AssertionDeriver.FromText("UAE corridor orders need LULU escalation, not standard path");

        Assert.Empty(derived.Assertions);
        Assert.Contains(derived.Notes, n => n.Contains("only the rubric", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_AssertionsOnAnOutput_ReportActualVersusExpected()
    {
        var output = JsonNode.Parse("""{"action":"standard_path","tags":["uae"],"summary":"Escalate to LULU"}""");

        var equals = AssertionEvaluator.Evaluate(new TestAssertion(AssertionType.EqualsValue, "/action", JsonValue.Create("escalate_lulu"), "d"), output);
        var notContains = AssertionEvaluator.Evaluate(new TestAssertion(AssertionType.NotContains, "/missing", JsonValue.Create("x"), "d"), output);
        var contains = AssertionEvaluator.Evaluate(new TestAssertion(AssertionType.Contains, "/summary", JsonValue.Create("lulu"), "d"), output);
        var regex = AssertionEvaluator.Evaluate(new TestAssertion(AssertionType.Regex, "", JsonValue.Create("LUL[U]"), "d"), output);

        Assert.Equal(("failed", "\"escalate_lulu\"", "\"standard_path\""), (equals.Outcome, equals.Expected, equals.Actual));
        Assert.Equal(["passed", "passed", "passed"], new[] { notContains.Outcome, contains.Outcome, regex.Outcome });
    }

    [Fact]
    public void Evaluate_EqualsOnNumbers_ComparesByValue()
    {
        var output = JsonNode.Parse("""{"total":1.50}""");

        var result = AssertionEvaluator.Evaluate(new TestAssertion(AssertionType.EqualsValue, "/total", JsonValue.Create(1.5m), "d"), output);

        Assert.Equal(AssertionOutcome.Passed, result.Outcome);
    }
}
