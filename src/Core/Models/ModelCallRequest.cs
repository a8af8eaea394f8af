using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models;

/// <summary>One model call as the router receives it.</summary>
/// <param name="SkillId">The skill id <c>domain/skill</c> (the recorded provider looks responses up by it).</param>
/// <param name="InputKey">The input key (recordings are keyed by it).</param>
/// <param name="Messages">The messages (system, user, assistant).</param>
/// <param name="MaxOutputTokens">The most output tokens the model may produce.</param>
/// <param name="BudgetGate">
/// Called before every attempt, fallbacks included, with the candidate and its estimated cost in USD
/// (<see cref="ModelRouter.Estimate"/> of the prompt and <paramref name="MaxOutputTokens"/>): returns null to allow the call,
/// or a reason to refuse it; a refused candidate is not called and its attempt is recorded as <c>refused_by_budget</c>.
/// </param>
public sealed record ModelCallRequest(
    string SkillId,
    string InputKey,
    IReadOnlyList<ChatMessage> Messages,
    int MaxOutputTokens,
    Func<ModelCandidate, decimal, string?> BudgetGate)
{
    /// <summary>Gets the sampling temperature, or null for the provider's default.</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets whether the answer must be a JSON object.</summary>
    public bool JsonOutput { get; init; }

    /// <summary>Gets the scope of the response cache (e.g. run, node and attempt); null to bypass the cache.</summary>
    public string? CacheScope { get; init; }

    /// <summary>Gets the prompt size in tokens used for estimates, or null to estimate it from the messages (with the tokenizer).</summary>
    public int? PromptTokens { get; init; }

    /// <summary>Gets the tools the model may call and their bounds, or null for a call without tools. With tools, the call is a
    /// conversation: every model answer that asks for tools gets their results and a next turn, each turn gated and priced.</summary>
    public ToolCalling.ToolSession? Tools { get; init; }

    /// <summary>Gets the PII handling of the call (the node's domain policy and the run's token map), or null to send prompts as they
    /// are. See <see cref="Safety.Pii.PiiSession"/>.</summary>
    public Safety.Pii.PiiSession? Pii { get; init; }

    /// <summary>Gets a gate that allows every call.</summary>
    public static Func<ModelCandidate, decimal, string?> AllowAll { get; } = (_, _) => null;
}
