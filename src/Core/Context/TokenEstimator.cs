namespace AgentFunctions.Core.Context;

/// <summary>
/// Estimates token counts without a tokenizer (no tokenizer package is available here): one token per 4 characters,
/// rounded up. This is the rule of thumb OpenAI documents for English text ("1 token ≈ 4 chars") and the estimate
/// AgentOS's context compiler used; it overestimates code slightly and underestimates CJK text.
/// Actual counts come from the provider's usage report after each call.
/// </summary>
public static class TokenEstimator
{
    /// <summary>Estimates the tokens of a text.</summary>
    /// <param name="text">The text, or null.</param>
    /// <returns>Estimated tokens (0 for null or empty).</returns>
    public static int Estimate(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;
}
