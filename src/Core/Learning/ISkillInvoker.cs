using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning;

/// <summary>
/// Executes one skill on one input with an explicit set of learned rules in its prompt, for regression tests.
/// Implemented by the app over the model router (live or recorded models); tests use a fake.
/// </summary>
public interface ISkillInvoker
{
    /// <summary>Runs the skill once.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="input">The input object, as the execution that was corrected received it.</param>
    /// <param name="rules">The learned rules to inject, in order (may be empty).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the skill answered.</returns>
    Task<SkillInvocation> InvokeAsync(string skillId, JsonObject input, IReadOnlyList<LearnedRule> rules, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of one skill invocation.</summary>
/// <param name="Succeeded">False when the call failed (no model, budget, invalid output); then <paramref name="Error"/> says why.</param>
/// <param name="Output">The skill's output (a JSON object for JSON skills, <c>{"text": …}</c> otherwise).</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="Model">The model that answered, or null.</param>
/// <param name="Recorded">True when the answer was replayed from a recording.</param>
/// <param name="CostUsd">What the call cost, USD.</param>
public sealed record SkillInvocation(bool Succeeded, JsonNode? Output, string? Error, string? Model, bool Recorded, decimal CostUsd);

/// <summary>A rule as it is injected into a prompt.</summary>
/// <param name="Id">Rule id, such as <c>REFL-001</c>.</param>
/// <param name="Text">The rule.</param>
/// <param name="AppliesWhen">When it applies, in words.</param>
/// <param name="Confidence">0–1.</param>
/// <param name="Status"><c>candidate</c>, <c>active</c> or <c>retired</c>.</param>
public sealed record LearnedRule(string Id, string Text, string AppliesWhen, double Confidence, string Status);
