namespace AgentFunctions.Core.Learning.Reflexions;

/// <summary>What processing a correction will do to the rule list (before it is written).</summary>
/// <param name="Operation"><see cref="RuleOperation.Add"/>, <see cref="RuleOperation.Agree"/> or <see cref="RuleOperation.Edit"/>.</param>
/// <param name="TargetId">The rule agreed with or edited, or null for ADD.</param>
/// <param name="Text">The rule text (the new text for EDIT).</param>
/// <param name="RootCause">Why the skill got it wrong.</param>
/// <param name="Confidence">Initial confidence for ADD, 0–1.</param>
/// <param name="Source"><c>verbatim</c> or <c>distilled:&lt;model&gt;</c>.</param>
/// <param name="SourceReason">Why the rule is verbatim although a model exists, or null.</param>
/// <param name="RequiredConditions">Input conditions a learning model said the rule depends on.</param>
/// <param name="Why">How the operation was chosen (model, or similarity with its value).</param>
internal sealed record RuleDecision(
    string Operation,
    string? TargetId,
    string Text,
    string RootCause,
    double Confidence,
    string Source,
    string? SourceReason,
    IReadOnlyList<RuleCondition> RequiredConditions,
    string Why);
