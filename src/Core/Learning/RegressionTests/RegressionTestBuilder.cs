using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Reflexions;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <summary>Builds the regression test of a correction: its input, deterministic assertions where they can be derived, and the rule as a rubric.</summary>
internal static class RegressionTestBuilder
{
    public static RegressionTest Build(Correction c, ReflexionRule rule, DateTimeOffset now)
    {
        var derived = c.CorrectedOutput is { } corrected
            ? AssertionDeriver.FromCorrectedOutput(c.Output, corrected)
            : AssertionDeriver.FromText(c.Text, c.OutputSchema, c.Input, c.Output);
        derived.Assertions.Add(AssertionDeriver.Rubric(rule.Text));
        derived.Notes.Add($"The rubric is rule {rule.Id}; it needs a judge model and is reported as not evaluated without one.");
        return new RegressionTest
        {
            Id = string.Empty,
            SkillId = c.SkillId,
            CorrectionId = c.Id,
            RuleId = rule.Id,
            RunId = c.RunId,
            NodeId = c.NodeId,
            Input = (JsonObject)c.Input.DeepClone(),
            ExpectedOutput = c.CorrectedOutput?.DeepClone(),
            CorrectionText = c.Text,
            RuleText = rule.Text,
            Assertions = derived.Assertions,
            Notes = derived.Notes,
            CreatedAt = now,
        };
    }
}
