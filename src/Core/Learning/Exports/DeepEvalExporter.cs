using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.RegressionTests;
using AgentFunctions.Core.Learning.Storage;

namespace AgentFunctions.Core.Learning.Exports;

/// <summary>
/// Exports regression tests as DeepEval goldens (test cases without <c>actual_output</c>, loadable into an
/// <c>EvaluationDataset</c>): <c>[{"input", "expected_output", "context", "additional_metadata"}]</c>. DeepEval's
/// <c>input</c> and <c>expected_output</c> are strings, so the input object and the corrected output are given as JSON text
/// (<c>expected_output</c> is null when the correction gave only words); <c>context</c> holds the rule and the correction;
/// <c>additional_metadata</c> holds the ids and our assertions, for a <c>GEval</c> or custom metric.
/// </summary>
public static class DeepEvalExporter
{
    /// <summary>Builds the goldens JSON.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="tests">Its regression tests.</param>
    /// <returns>Indented JSON, an array with one golden per test.</returns>
    /// <exception cref="ArgumentException">The skill id is not <c>domain/skill</c>.</exception>
    /// <exception cref="InvalidOperationException">There are no tests (<see cref="WhyNotRunnable"/>).</exception>
    public static string Export(string skillId, IReadOnlyList<RegressionTest> tests)
    {
        if (WhyNotRunnable(skillId, tests) is { } why)
        {
            throw new InvalidOperationException(why);
        }

        var goldens = new JsonArray();
        foreach (var t in tests)
        {
            goldens.Add(new JsonObject
            {
                ["input"] = t.Input.ToJsonString(),
                ["expected_output"] = t.ExpectedOutput?.ToJsonString(),
                ["context"] = new JsonArray($"Rule {t.RuleId}: {t.RuleText}", $"Correction {t.CorrectionId}: {t.CorrectionText}"),
                ["additional_metadata"] = new JsonObject
                {
                    ["skill"] = skillId,
                    ["test_id"] = t.Id,
                    ["rule_id"] = t.RuleId,
                    ["correction_id"] = t.CorrectionId,
                    ["run_id"] = t.RunId,
                    ["node_id"] = t.NodeId,
                    ["assertions"] = JsonNode.Parse(KnowledgeJson.Serialize(t.Assertions)),
                },
            });
        }

        return goldens.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Says why a DeepEval dataset of these tests would be empty, or null when there is at least one golden.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="tests">Its regression tests.</param>
    /// <returns>The reason, or null.</returns>
    /// <exception cref="ArgumentException">The skill id is not <c>domain/skill</c>.</exception>
    public static string? WhyNotRunnable(string skillId, IReadOnlyList<RegressionTest> tests)
    {
        KnowledgeKeys.CheckSkillId(skillId);
        ArgumentNullException.ThrowIfNull(tests);
        return tests.Count == 0 ? $"{skillId} has no regression tests yet (correct an execution of it first); an empty dataset would evaluate nothing." : null;
    }
}
