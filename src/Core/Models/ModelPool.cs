using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Models;

/// <summary>
/// The models and providers the router can use: <see cref="BuiltIn"/> models merged with <c>Models:Pool</c> and
/// <c>Models:Prices</c>, and the providers <c>openai</c> (<c>Models:OpenAI</c>), <c>anthropic</c> (<c>Models:Anthropic</c>),
/// <c>recorded</c> and those under <c>Models:Providers</c>.
/// </summary>
public sealed partial class ModelPool
{
    /// <summary>Creates the pool from configuration.</summary>
    /// <param name="options">Model options.</param>
    /// <exception cref="InvalidOperationException">The configuration is invalid; the message lists every error (see <see cref="Validate"/>).</exception>
    public ModelPool(IOptions<ModelOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        (Providers, Models) = Merge(options.Value, errors);
        errors.AddRange(Check(Providers, Models));
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid model configuration: " + string.Join(" ", errors));
        }

        HasLiveProvider = Providers.Values.Any(p => p.IsLive);
    }

    /// <summary>Gets the providers by name.</summary>
    public IReadOnlyDictionary<string, ProviderDefinition> Providers { get; }

    /// <summary>Gets the models by id.</summary>
    public IReadOnlyDictionary<string, ModelDefinition> Models { get; }

    /// <summary>Gets whether any provider is live (has an endpoint or key configured).</summary>
    public bool HasLiveProvider { get; }

    /// <summary>Finds a model.</summary>
    /// <param name="modelId">The model id <c>provider/model</c>.</param>
    /// <returns>The model, or null when the pool has none with this id.</returns>
    public ModelDefinition? Find(string modelId) => Models.GetValueOrDefault(modelId);

    /// <summary>Gets whether a model's provider is live.</summary>
    /// <param name="model">The model.</param>
    /// <returns>True when calls to it reach a real endpoint.</returns>
    public bool IsLive(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Providers.TryGetValue(model.Provider, out var provider) && provider.IsLive;
    }

    /// <summary>Checks a configuration without building a pool.</summary>
    /// <param name="options">Model options.</param>
    /// <returns>Every error found (empty when valid): new models without a price, negative prices or limits, unknown providers
    /// or fallback ids, fallback cycles (with the path), and configured providers without an endpoint.</returns>
    public static IReadOnlyList<string> Validate(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var (providers, models) = Merge(options, errors);
        errors.AddRange(Check(providers, models));
        if (options.Routing.AttemptTimeout <= TimeSpan.Zero || options.Routing.RateLimitWait < TimeSpan.Zero || options.Routing.BanditLatencyReference <= TimeSpan.Zero)
        {
            errors.Add("Models:Routing: AttemptTimeout and BanditLatencyReference must be positive, RateLimitWait 0 or more.");
        }

        if (options.Routing.MaxToolTurns <= 0)
        {
            errors.Add("Models:Routing:MaxToolTurns must be positive.");
        }

        if (options.Routing.CacheMaxBytes <= 0)
        {
            errors.Add("Models:Routing:CacheMaxBytes must be positive.");
        }

        return errors;
    }

    private static List<string> Check(IReadOnlyDictionary<string, ProviderDefinition> providers, IReadOnlyDictionary<string, ModelDefinition> models)
    {
        var errors = new List<string>();
        foreach (var m in models.Values.OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            var at = $"Models:Pool:{m.Id}";
            if (m.Price.InputPerMillionUsd < 0 || m.Price.OutputPerMillionUsd < 0)
            {
                errors.Add($"{at}: prices must not be negative (input {m.Price.InputPerMillionUsd}, output {m.Price.OutputPerMillionUsd} USD per 1M tokens).");
            }

            if (m.ContextWindowTokens <= 0 || m.MaxConcurrency < 0 || m.RequestsPerMinute < 0)
            {
                errors.Add($"{at}: ContextWindowTokens must be positive, MaxConcurrency and RequestsPerMinute 0 (no limit) or more.");
            }

            if (!providers.ContainsKey(m.Provider))
            {
                errors.Add($"{at}: unknown provider '{m.Provider}'; use openai, anthropic, recorded or a name under Models:Providers.");
            }

            errors.AddRange(m.Fallbacks.Where(f => !models.ContainsKey(f))
                .Select(f => $"{at}:Fallbacks: unknown model id '{f}'{Suggest(f, models.Keys)}."));
        }

        errors.AddRange(FallbackCycles(models).Select(path => $"Models:Pool: fallback chains form a cycle: {string.Join(" → ", path)}."));
        errors.AddRange(providers.Values.Where(p => p.Kind != ProviderKind.Recorded && !p.IsBuiltIn && p.Endpoint is null)
            .Select(p => $"Models:Providers:{p.Name}: Endpoint is required."));
        return errors;
    }

    private static List<List<string>> FallbackCycles(IReadOnlyDictionary<string, ModelDefinition> models)
    {
        var cycles = new List<List<string>>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        void Visit(string id)
        {
            var at = path.IndexOf(id);
            if (at >= 0)
            {
                cycles.Add([.. path.Skip(at), id]);
                return;
            }

            if (!done.Add(id) || !models.TryGetValue(id, out var model))
            {
                return;
            }

            path.Add(id);
            foreach (var next in model.Fallbacks)
            {
                Visit(next);
            }

            path.RemoveAt(path.Count - 1);
        }

        foreach (var id in models.Keys.Order(StringComparer.Ordinal))
        {
            Visit(id);
        }

        return cycles;
    }

    private static string Suggest(string id, IEnumerable<string> known)
    {
        var tail = id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var match = known.Where(k => k.EndsWith("/" + tail, StringComparison.Ordinal) || k.Contains(tail, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).FirstOrDefault();
        return match is null ? string.Empty : $" (did you mean '{match}'?)";
    }
}
