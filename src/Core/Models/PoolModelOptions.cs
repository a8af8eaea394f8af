namespace AgentFunctions.Core.Models;

/// <summary>
/// One model of the pool as configured (<c>Models:Pool:&lt;provider/model&gt;</c>). Every field is optional: for a built-in model an
/// unset field keeps its built-in value; for a new model the provider and name default to the two halves of its id.
/// </summary>
public sealed class PoolModelOptions
{
    /// <summary>Gets or sets the provider name (<c>openai</c>, <c>anthropic</c>, <c>recorded</c> or a <c>Models:Providers</c> name).</summary>
    public string? Provider { get; set; }

    /// <summary>Gets or sets the model name sent to the provider (e.g. <c>claude-sonnet-4-5</c>).</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the price in USD per 1,000,000 input tokens (required for a new model).</summary>
    public decimal? InputPerMillionUsd { get; set; }

    /// <summary>Gets or sets the price in USD per 1,000,000 output tokens (required for a new model).</summary>
    public decimal? OutputPerMillionUsd { get; set; }

    /// <summary>Gets or sets the context window in tokens (prompt plus output); default 128,000 for a new model.</summary>
    public int? ContextWindowTokens { get; set; }

    /// <summary>Gets or sets how many calls to this model may be in flight at once in this process; 0 for no limit.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>Gets or sets how many calls per minute this process may start; 0 for no limit.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the tier (<c>gold</c>, <c>silver</c>, <c>bronze</c>); default silver for a new model.</summary>
    public ModelTier? Tier { get; set; }

    /// <summary>Gets or sets the fallback chain: model ids tried in order when this model is rate limited, fails or times out; followed transitively.</summary>
    public List<string>? Fallbacks { get; set; }
}
