namespace AgentFunctions.Core.Models;

/// <summary>The list price of one model.</summary>
/// <param name="InputPerMillionUsd">USD per 1,000,000 input (prompt) tokens.</param>
/// <param name="OutputPerMillionUsd">USD per 1,000,000 output (completion) tokens.</param>
public sealed record ModelPrice(decimal InputPerMillionUsd, decimal OutputPerMillionUsd)
{
    /// <summary>Computes the cost of a call.</summary>
    /// <param name="inputTokens">Prompt tokens.</param>
    /// <param name="outputTokens">Completion tokens.</param>
    /// <returns>The cost in USD.</returns>
    public decimal Cost(long inputTokens, long outputTokens) =>
        (inputTokens * InputPerMillionUsd + outputTokens * OutputPerMillionUsd) / 1_000_000m;
}
