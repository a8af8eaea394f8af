using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.Validation;
using AgentFunctions.Core.Orchestration.Execution;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <content>Rubric assertions, judged by the learning model (LLM-as-judge, as promptfoo's <c>llm-rubric</c>).</content>
internal sealed partial class AssertionEvaluator
{
    public const string JudgePurpose = "judge";
    private const int MaxJudgedChars = 8000;

    public const string JudgeSystemPrompt =
        "You grade the output of an AI skill against a rule it must follow. Be strict: pass only when the output clearly follows the rule " +
        "for this input; a rule that does not concern this input passes. Answer with one JSON object and nothing else: " +
        "{\"pass\": true or false, \"reason\": \"one sentence\"}";

    private async Task<AssertionResult> JudgeAsync(TestAssertion assertion, JsonObject input, JsonNode? output, CancellationToken cancellationToken)
    {
        var rubric = JsonValues.TextOf(assertion.Value);
        AssertionResult Result(string outcome, string reason) =>
            new(assertion.Type, assertion.Path, outcome, JsonValues.Excerpt(rubric, MaxExcerptChars), JsonValues.Excerpt(JsonValues.TextOf(output), MaxExcerptChars), reason);

        if (!model.CanJudge)
        {
            return Result(AssertionOutcome.NotEvaluated, "no judge model is configured (Learning:JudgeModel); the rubric is not evaluated");
        }

        var message = $"Rule:\n{rubric}\n\nSkill input:\n{JsonValues.Excerpt(input.ToJsonString(), MaxJudgedChars)}\n\nSkill output:\n{JsonValues.Excerpt(JsonValues.TextOf(output), MaxJudgedChars)}";
        string answer;
        try
        {
            answer = await model.CompleteAsync(JudgePurpose, JudgeSystemPrompt, message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Result(AssertionOutcome.NotEvaluated, $"the judge model failed: {ex.Message}");
        }

        if (ModelOutputParser.TryParseJsonObject(answer, out var error) is not { } json || json["pass"] is not JsonValue pass ||
            pass.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Result(AssertionOutcome.NotEvaluated, $"the judge's answer is unusable ({error ?? "no boolean 'pass'"})");
        }

        var reason = json["reason"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? r.GetValue<string>() : "no reason given";
        return Result(pass.GetValue<bool>() ? AssertionOutcome.Passed : AssertionOutcome.Failed, $"judge: {JsonValues.Excerpt(reason, 300)}");
    }
}
