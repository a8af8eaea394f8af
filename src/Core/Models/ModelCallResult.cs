using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models;

/// <summary>The answer of a model call and how it was obtained.</summary>
/// <param name="Response">The response.</param>
/// <param name="Model">The model id that answered (for a replayed response: the model it was recorded from, when the pool knows it).</param>
/// <param name="Provider">The provider name that answered (<c>recorded</c> for replays).</param>
/// <param name="Recorded">Whether the response was replayed from a recording.</param>
/// <param name="Cached">Whether the response came from the router's cache (no call was made).</param>
/// <param name="InputTokens">Prompt tokens: the provider's usage, or the tokenizer's count when it reports none; summed over every model turn.</param>
/// <param name="OutputTokens">Completion tokens, likewise.</param>
/// <param name="CostUsd">Cost in USD at the price of <paramref name="Model"/>; summed over every model turn; 0 for a cached response.</param>
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
    IReadOnlyList<ModelAttempt> Attempts)
{
    /// <summary>Gets every model turn of the call in order (one without tools; one per answer in a tool conversation), across
    /// attempts; the token and cost totals are their sums.</summary>
    public IReadOnlyList<Pipeline.ModelTurn> Turns { get; init; } = [];

    /// <summary>Gets the answer's text: the last assistant message's (of a tool conversation, the final answer, without the text
    /// the model sent along with its tool calls).</summary>
    public string Text => Response.Messages.LastOrDefault(m => m.Role == ChatRole.Assistant)?.Text ?? Response.Text;

    /// <summary>Gets every tool call the model asked for, allowed or refused, in the order they finished.</summary>
    public IReadOnlyList<ToolCalling.ToolCallRecord> ToolCalls { get; init; } = [];
}
