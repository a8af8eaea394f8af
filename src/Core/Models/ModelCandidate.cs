namespace AgentFunctions.Core.Models;

/// <summary>One model a call may be sent to, and why it is in the plan.</summary>
/// <param name="Model">The model id <c>provider/model</c> (prices and reports use it).</param>
/// <param name="Provider">The provider name that serves it (<c>recorded</c> when the response is replayed).</param>
/// <param name="ProviderModel">The model name sent to the provider.</param>
/// <param name="Tier">The model's tier.</param>
/// <param name="Price">The model's price in USD per 1M tokens.</param>
/// <param name="ContextWindowTokens">The model's context window in tokens.</param>
/// <param name="Reason">Why this candidate is in the plan (primary choice, fallback of …, downgrade …).</param>
public sealed record ModelCandidate(
    string Model,
    string Provider,
    string ProviderModel,
    ModelTier Tier,
    ModelPrice Price,
    int ContextWindowTokens,
    string Reason);
