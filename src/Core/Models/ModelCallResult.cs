using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models;

/// <summary>The answer of a model call and how it was obtained.</summary>
/// <param name="Response">The response.</param>
/// <param name="Model">The model id that answered (for a replayed response: the model it was recorded from, when the pool knows it).</param>
/// <param name="Provider">The provider name that answered (<c>recorded</c> for replays).</param>
/// <param name="Recorded">Whether the response was replayed from a recording.</param>
/// <param name="Cached">Whether the response came from the router's cache (no call was made).</param>
/// <param name="InputTokens">Prompt tokens: the provider's usage, or characters / 4 when it reports none.</param>
/// <param name="OutputTokens">Completion tokens, likewise.</param>
/// <param name="CostUsd">Cost in USD at the price of <paramref name="Model"/>; 0 for a cached response.</param>
/// <param name="Reason">Why this model answered (the plan's reason, and the attempts that failed before it).</param>
/// <param name="Attempts">Every attempt in order; empty for a cached response.</param>
public sealed record ModelCallResult(
    ChatResponse Response,
    string Model,
    string Provider,
    bool Recorded,
    bool Cached,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd,
    string Reason,
    IReadOnlyList<ModelAttempt> Attempts);
