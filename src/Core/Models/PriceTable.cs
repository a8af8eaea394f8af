namespace AgentFunctions.Core.Models;

/// <summary>
/// Prices per model in USD per 1M tokens: a view of the <see cref="ModelPool"/> (built-in list prices, <c>Models:Pool</c> and
/// <c>Models:Prices</c>), used to check and reserve costs before model calls.
/// </summary>
public sealed class PriceTable
{
    private readonly ModelPool _pool;

    /// <summary>Creates the table.</summary>
    /// <param name="pool">The model pool.</param>
    public PriceTable(ModelPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        _pool = pool;
        Models = pool.Models.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Gets the model ids that have a price (every model of the pool).</summary>
    public IReadOnlySet<string> Models { get; }

    /// <summary>Finds the price of a model.</summary>
    /// <param name="modelId">The model id <c>provider/model</c>.</param>
    /// <returns>The price, or null when the model has none.</returns>
    public ModelPrice? Find(string modelId) => _pool.Find(modelId)?.Price;

    /// <summary>Gets the price of a model, or fails.</summary>
    /// <param name="modelId">The model id.</param>
    /// <returns>The price.</returns>
    /// <exception cref="KeyNotFoundException">The model has no price; the message says how to add one.</exception>
    public ModelPrice Get(string modelId) => Find(modelId)
        ?? throw new KeyNotFoundException($"Model '{modelId}' has no price. Add it under Models:Pool:{modelId} (Provider, Name, InputPerMillionUsd, OutputPerMillionUsd).");
}
