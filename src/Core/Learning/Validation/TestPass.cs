namespace AgentFunctions.Core.Learning.Validation;

/// <summary>One execution of a regression test's skill and the evaluation of its output.</summary>
/// <param name="Outcome"><see cref="TestOutcome.Passed"/>, <see cref="TestOutcome.Failed"/> or <see cref="TestOutcome.Error"/>.</param>
/// <param name="RuleIds">The rules injected into the prompt, in order.</param>
/// <param name="Assertions">Each assertion's result (empty on error).</param>
/// <param name="OutputExcerpt">The skill's output (compact JSON, at most 2,000 characters), or null on error.</param>
/// <param name="Error">Why the skill could not be executed, or null.</param>
/// <param name="Model">The model that answered, or null.</param>
/// <param name="Recorded">True when the answer was replayed from a recording.</param>
/// <param name="CostUsd">What the call cost, USD.</param>
public sealed record TestPass(
    string Outcome,
    IReadOnlyList<string> RuleIds,
    IReadOnlyList<AssertionResult> Assertions,
    string? OutputExcerpt,
    string? Error,
    string? Model,
    bool Recorded,
    decimal CostUsd);
