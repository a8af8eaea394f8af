using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Orchestration.Execution;

namespace AgentFunctions.Core.Learning.Reflexions;

/// <summary>
/// Asks the learning model for a generalisable rule, its root cause and an ExpeL operation against the existing rules
/// (prompt after ExpeL's "do not mention the trials … GENERALLY APPLICABLE" and Reflexion's verbal lessons), then
/// validates the answer. An unusable answer returns the reason so the caller falls back to the verbatim correction.
/// </summary>
internal sealed partial class RuleDistiller(ILearningModel model)
{
    public const string Purpose = "distill";
    public const int MaxRuleChars = 600;
    private const int MaxContextChars = 6000;

    public const string SystemPrompt =
        "You turn one human correction of an AI skill's output into a reusable rule for that skill.\n" +
        "Write a rule that is GENERALLY APPLICABLE to future inputs of the skill: an imperative instruction of at most 400 characters. " +
        "Do not mention this run or anything specific to this input: no ids, names, numbers, dates or quotes from it.\n" +
        "Compare the rule with the existing rules and choose one operation: ADD (nothing similar exists), AGREE (an existing rule already says this; " +
        "give its id as target) or EDIT (an existing rule should be rewritten to cover this; give its id as target and the rewritten rule as rule).\n" +
        "Answer with one JSON object and nothing else:\n" +
        "{\"operation\": \"ADD\" | \"AGREE\" | \"EDIT\", \"target\": \"REFL-… or null\", \"rule\": \"…\", \"root_cause\": \"why the skill got it wrong, one sentence\", " +
        "\"confidence\": 0.0-1.0 (how sure you are that the rule generalises), " +
        "\"required_conditions\": [{\"key\": \"input field the rule depends on\", \"equals\": value (omit when only presence matters)}]}\n" +
        "required_conditions is empty when the rule applies to every input of the skill.";

    public async Task<(RuleDecision? Decision, string? Failure)> DistillAsync(Correction correction, IReadOnlyList<ReflexionRule> existing, CancellationToken cancellationToken)
    {
        string answer;
        try
        {
            answer = await model.CompleteAsync(Purpose, SystemPrompt, UserMessage(correction, existing), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, $"the learning model failed: {ex.Message}");
        }

        return Validate(answer, correction, existing);
    }

    internal static string UserMessage(Correction c, IReadOnlyList<ReflexionRule> existing)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Skill: {c.SkillId}\n\nInput:\n{Cut(c.Input.ToJsonString())}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Original output (the mistake):\n{Cut(c.Output?.ToJsonString() ?? "(empty)")}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Correction:\n{c.Text}\n\n");
        if (c.CorrectedOutput is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Corrected output:\n{Cut(c.CorrectedOutput.ToJsonString())}\n\n");
        }

        text.Append("Existing rules:\n");
        if (existing.Count == 0)
        {
            text.Append("(none)\n");
        }

        foreach (var rule in existing.Take(30))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {rule.Id}: {rule.Text}\n");
        }

        return text.ToString();
    }

    private static string Cut(string json) => JsonValues.Excerpt(json, MaxContextChars);

    private (RuleDecision? Decision, string? Failure) Validate(string answer, Correction c, IReadOnlyList<ReflexionRule> existing)
    {
        if (ModelOutputParser.TryParseJsonObject(answer, out var error) is not { } json)
        {
            return (null, $"the answer is not a JSON object ({error})");
        }

        var operation = (Text(json, "operation") ?? "ADD").ToUpperInvariant();
        if (operation is not ("ADD" or "AGREE" or "EDIT"))
        {
            return (null, $"unknown operation '{operation}'");
        }

        var target = Text(json, "target");
        var known = existing.FirstOrDefault(r => string.Equals(r.Id, target, StringComparison.OrdinalIgnoreCase));
        if (operation != "ADD" && known is null)
        {
            operation = "ADD"; // an AGREE/EDIT without a real target is an ADD; similarity may still find the rule it restates
        }

        var rule = Text(json, "rule")?.Trim();
        if (operation == "AGREE" && string.IsNullOrWhiteSpace(rule))
        {
            rule = known!.Text;
        }

        if (string.IsNullOrWhiteSpace(rule) || rule.Length < 10 || rule.Length > MaxRuleChars)
        {
            return (null, $"'rule' must be 10–{MaxRuleChars} characters (got {rule?.Length ?? 0})");
        }

        if (RunSpecificDetail(rule, c) is { } detail)
        {
            return (null, $"the rule mentions a detail of this run ('{detail}')");
        }

        var rootCause = Text(json, "root_cause")?.Trim();
        var confidence = json["confidence"] is JsonValue v && v.TryGetValue<double>(out var d) && d is >= 0 and <= 1 ? d : 0.6;
        var decision = new RuleDecision(
            operation.ToLowerInvariant(),
            operation == "ADD" ? null : known!.Id,
            rule,
            string.IsNullOrWhiteSpace(rootCause) ? RootCause.Classify(c.Text, c.Output is null) : JsonValues.Excerpt(rootCause, 500),
            Math.Min(RuleLifecycle.MaxInitialConfidence, Math.Round(confidence, 2)),
            RuleSource.Distilled(model.DistillModel),
            null,
            RequiredConditions(json, c.Input),
            operation == "ADD" ? "the learning model found no existing rule that says this" : $"the learning model chose {operation} on {known!.Id}");
        return (decision, null);
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
