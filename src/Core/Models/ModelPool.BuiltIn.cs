namespace AgentFunctions.Core.Models;

/// <content>The built-in pool.</content>
public sealed partial class ModelPool
{
    private const int DefaultContextWindowTokens = 128_000;
    private const int DefaultMaxConcurrency = 8;

    /// <summary>
    /// Gets the built-in pool. Prices are the vendors' published list prices in USD per 1M standard (non-batch, non-cached)
    /// tokens as of 2025 (openai.com/api/pricing, anthropic.com/pricing); context windows are the vendors' documented ones;
    /// requests per minute are the lowest paid usage tier's limits (OpenAI tier 1: 500, Anthropic tier 1: 50) and at most
    /// 8 calls per model are in flight per process; raise them to your account's limits under <c>Models:Pool</c>.
    /// Fallback chains stay within a tier or step down to a cheaper model, and never form a cycle.
    /// </summary>
    public static IReadOnlyDictionary<string, ModelDefinition> BuiltIn { get; } = new[]
    {
        OpenAI("gpt-4.1", 2.00m, 8.00m, 1_047_576, ModelTier.Gold, "anthropic/claude-sonnet-4.5"),
        Anthropic("claude-sonnet-4.5", "claude-sonnet-4-5", 3.00m, 15.00m, ModelTier.Gold, "openai/gpt-4o"),
        OpenAI("gpt-4o", 2.50m, 10.00m, 128_000, ModelTier.Gold),
        OpenAI("gpt-4.1-mini", 0.40m, 1.60m, 1_047_576, ModelTier.Silver, "anthropic/claude-haiku-4.5"),
        Anthropic("claude-haiku-4.5", "claude-haiku-4-5", 1.00m, 5.00m, ModelTier.Silver, "openai/gpt-4o-mini"),
        OpenAI("gpt-4o-mini", 0.15m, 0.60m, 128_000, ModelTier.Bronze, "openai/gpt-4.1-nano"),
        OpenAI("gpt-4.1-nano", 0.10m, 0.40m, 1_047_576, ModelTier.Bronze),
    }.ToDictionary(m => m.Id, StringComparer.Ordinal);

    private static ModelDefinition OpenAI(string name, decimal input, decimal output, int contextWindow, ModelTier tier, params string[] fallbacks) =>
        new($"openai/{name}", ProviderDefinition.OpenAIName, name, new ModelPrice(input, output), contextWindow, DefaultMaxConcurrency, 500, tier, fallbacks);

    private static ModelDefinition Anthropic(string id, string name, decimal input, decimal output, ModelTier tier, params string[] fallbacks) =>
        new($"anthropic/{id}", ProviderDefinition.AnthropicName, name, new ModelPrice(input, output), 200_000, DefaultMaxConcurrency, 50, tier, fallbacks);
}
