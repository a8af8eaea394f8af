namespace AgentFunctions.Core.Models;

/// <summary>
/// Model configuration, bound from the <c>Models</c> section: the providers (endpoints and keys), the model pool
/// (prices, limits, tiers, fallback chains) on top of <see cref="ModelPool.BuiltIn"/>, routing and the recorded provider.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Models";

    /// <summary>Gets the provider named <c>openai</c>: an OpenAI-compatible endpoint (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM …).</summary>
    public OpenAIEndpointOptions OpenAI { get; } = new();

    /// <summary>Gets the provider named <c>anthropic</c>: the Anthropic Messages API.</summary>
    public AnthropicEndpointOptions Anthropic { get; } = new();

    /// <summary>Gets the recorded provider's settings.</summary>
    public RecordedModelOptions Recorded { get; } = new();

    /// <summary>Gets how calls are routed: attempt timeout, rate-limit wait, bandit and response cache.</summary>
    public ModelRoutingOptions Routing { get; } = new();

    /// <summary>
    /// Gets further providers by name (<c>Models:Providers:&lt;name&gt;</c>), e.g. a local Ollama next to OpenAI; a pool model
    /// names one in its <see cref="PoolModelOptions.Provider"/>. The names <c>openai</c>, <c>anthropic</c> and <c>recorded</c> are built in.
    /// </summary>
    public Dictionary<string, ProviderOptions> Providers { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets model entries by id (<c>provider/model</c>): a new model, or fields that override a built-in one
    /// (<see cref="ModelPool.BuiltIn"/>); unset fields keep the built-in value.
    /// </summary>
    public Dictionary<string, PoolModelOptions> Pool { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets prices by model id (the older form of <see cref="Pool"/> prices, still honoured): an entry overrides the pool's price,
    /// or adds a <c>silver</c> model served by the provider named in its id.
    /// </summary>
    public Dictionary<string, ModelPrice> Prices { get; } = new(StringComparer.Ordinal);
}
