using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Models;

/// <summary>
/// Prices per model in USD per 1M tokens. Built-in entries are the vendors' published list prices for standard
/// (non-batch, non-cached) tokens as of 2025 (openai.com/api/pricing, anthropic.com/pricing); configuration
/// (<c>Models:Prices</c>) adds models or overrides them.
/// </summary>
public sealed class PriceTable
{
    /// <summary>Gets the built-in list prices.</summary>
    public static IReadOnlyDictionary<string, ModelPrice> BuiltIn { get; } = new Dictionary<string, ModelPrice>(StringComparer.Ordinal)
    {
        ["openai/gpt-4o-mini"] = new(0.15m, 0.60m),
        ["openai/gpt-4o"] = new(2.50m, 10.00m),
        ["openai/gpt-4.1-mini"] = new(0.40m, 1.60m),
        ["openai/gpt-4.1-nano"] = new(0.10m, 0.40m),
        ["openai/gpt-4.1"] = new(2.00m, 8.00m),
        ["anthropic/claude-haiku-4.5"] = new(1.00m, 5.00m),
        ["anthropic/claude-sonnet-4.5"] = new(3.00m, 15.00m),
    };

    private readonly Dictionary<string, ModelPrice> _prices;

    /// <summary>Creates the table from the built-in prices and configuration.</summary>
    /// <param name="options">Model options; their <see cref="ModelOptions.Prices"/> override built-in entries.</param>
    public PriceTable(IOptions<ModelOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _prices = new Dictionary<string, ModelPrice>(BuiltIn, StringComparer.Ordinal);
        foreach (var (model, price) in options.Value.Prices)
        {
            _prices[model] = price;
        }
    }

    /// <summary>Gets the model ids that have a price.</summary>
    public IReadOnlySet<string> Models => _prices.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Finds the price of a model.</summary>
    /// <param name="modelId">The model id <c>provider/model</c>.</param>
    /// <returns>The price, or null when the model has none.</returns>
    public ModelPrice? Find(string modelId) => _prices.GetValueOrDefault(modelId);

    /// <summary>Gets the price of a model, or fails.</summary>
    /// <param name="modelId">The model id.</param>
    /// <returns>The price.</returns>
    /// <exception cref="KeyNotFoundException">The model has no price; the message says how to add one.</exception>
    public ModelPrice Get(string modelId) => Find(modelId)
        ?? throw new KeyNotFoundException($"Model '{modelId}' has no price. Add it under Models:Prices:{modelId} (InputPerMillionUsd, OutputPerMillionUsd).");

    /// <summary>
    /// Finds the cheapest model of the same provider that costs less than <paramref name="modelId"/> (input + output price per
    /// 1M tokens), for the <c>downgrade</c> budget policy.
    /// </summary>
    /// <param name="modelId">The model to replace.</param>
    /// <returns>The cheaper model id, or null when none is cheaper.</returns>
    public string? Cheaper(string modelId)
    {
        if (Find(modelId) is not { } price)
        {
            return null;
        }

        var provider = modelId.Split('/')[0] + "/";
        var total = price.InputPerMillionUsd + price.OutputPerMillionUsd;
        return _prices
            .Where(kv => kv.Key.StartsWith(provider, StringComparison.Ordinal) && kv.Value.InputPerMillionUsd + kv.Value.OutputPerMillionUsd < total)
            .OrderBy(kv => kv.Value.InputPerMillionUsd + kv.Value.OutputPerMillionUsd)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key)
            .FirstOrDefault();
    }
}
