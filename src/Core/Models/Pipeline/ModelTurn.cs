namespace AgentFunctions.Core.Models.Pipeline;

/// <summary>One model turn of a call: a single request to a provider. A call without tools has one turn; a tool-calling
/// conversation has one per model answer (each answer that asks for tools, then the final one).</summary>
/// <param name="Model">The model id <c>provider/model</c> that answered (for a replay: the model it was recorded from).</param>
/// <param name="InputTokens">Prompt tokens: the provider's usage, else counted with the tokenizer.</param>
/// <param name="OutputTokens">Completion tokens, likewise.</param>
/// <param name="CostUsd">The turn's cost in USD at the model's price (0 when answered from the cache).</param>
/// <param name="DurationMs">Wall time of the turn in milliseconds.</param>
/// <param name="Recorded">Whether the recorded provider replayed the turn.</param>
/// <param name="Cached">Whether the response cache answered the turn.</param>
/// <param name="ToolCalls">How many tool calls the answer asked for.</param>
public sealed record ModelTurn(string Model, long InputTokens, long OutputTokens, decimal CostUsd, long DurationMs, bool Recorded, bool Cached, int ToolCalls);
