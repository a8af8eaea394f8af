namespace AgentFunctions.Core.Models;

/// <summary>One model of the pool, after built-in defaults and configuration are merged.</summary>
/// <param name="Id">The model id <c>provider/model</c> used in graphs, skills, prices and reports.</param>
/// <param name="Provider">The provider name that serves it.</param>
/// <param name="ProviderModel">The model name sent to the provider.</param>
/// <param name="Price">List price in USD per 1M input and output tokens.</param>
/// <param name="ContextWindowTokens">Context window in tokens (prompt plus output).</param>
/// <param name="MaxConcurrency">Calls in flight at once in this process; 0 for no limit.</param>
/// <param name="RequestsPerMinute">Calls started per minute in this process; 0 for no limit.</param>
/// <param name="Tier">Quality tier.</param>
/// <param name="Fallbacks">Model ids tried in order when this one fails with 429, 5xx or a timeout (followed transitively).</param>
public sealed record ModelDefinition(
    string Id,
    string Provider,
    string ProviderModel,
    ModelPrice Price,
    int ContextWindowTokens,
    int MaxConcurrency,
    int RequestsPerMinute,
    ModelTier Tier,
    IReadOnlyList<string> Fallbacks)
{
    /// <summary>Gets the sum of the input and output price per 1M tokens (USD), used to order models by cost.</summary>
    public decimal BlendedPricePerMillionUsd => Price.InputPerMillionUsd + Price.OutputPerMillionUsd;
}
