namespace AgentFunctions.Core.Models;

/// <content>Merging built-in models and providers with configuration.</content>
public sealed partial class ModelPool
{
    private static (IReadOnlyDictionary<string, ProviderDefinition> Providers, IReadOnlyDictionary<string, ModelDefinition> Models) Merge(
        ModelOptions options, List<string> errors)
    {
        var providers = new Dictionary<string, ProviderDefinition>(StringComparer.Ordinal)
        {
            [ProviderDefinition.OpenAIName] = new(ProviderDefinition.OpenAIName, ProviderKind.OpenAI, options.OpenAI.Endpoint, options.OpenAI.ApiKey, options.OpenAI.IsConfigured),
            [ProviderDefinition.AnthropicName] = new(ProviderDefinition.AnthropicName, ProviderKind.Anthropic, options.Anthropic.Endpoint, options.Anthropic.ApiKey, options.Anthropic.IsConfigured),
            [ProviderDefinition.RecordedName] = new(ProviderDefinition.RecordedName, ProviderKind.Recorded, null, null, false),
        };
        foreach (var (name, p) in options.Providers)
        {
            if (providers.ContainsKey(name))
            {
                errors.Add($"Models:Providers:{name}: '{name}' is built in; configure it under Models:{(name == ProviderDefinition.OpenAIName ? "OpenAI" : name == ProviderDefinition.AnthropicName ? "Anthropic" : "Recorded")}.");
                continue;
            }

            providers[name] = new ProviderDefinition(name, p.Kind, p.Endpoint, p.ApiKey, p.Endpoint is not null && p.Kind != ProviderKind.Recorded);
        }

        var models = new Dictionary<string, ModelDefinition>(BuiltIn, StringComparer.Ordinal);
        foreach (var (id, o) in options.Pool)
        {
            if (models.TryGetValue(id, out var known))
            {
                models[id] = Overlay(known, o);
            }
            else if (o.InputPerMillionUsd is not { } input || o.OutputPerMillionUsd is not { } output)
            {
                errors.Add($"Models:Pool:{id}: a new model needs InputPerMillionUsd and OutputPerMillionUsd.");
            }
            else
            {
                models[id] = Overlay(NewModel(id, new ModelPrice(input, output)), o);
            }
        }

        foreach (var (id, price) in options.Prices)
        {
            models[id] = models.TryGetValue(id, out var known) ? known with { Price = price } : NewModel(id, price);
        }

        return (providers, models);
    }

    private static ModelDefinition NewModel(string id, ModelPrice price)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return new ModelDefinition(
            id, slash > 0 ? id[..slash] : id, slash > 0 ? id[(slash + 1)..] : id, price, DefaultContextWindowTokens, 0, 0, ModelTier.Silver, []);
    }

    private static ModelDefinition Overlay(ModelDefinition model, PoolModelOptions o) => model with
    {
        Provider = string.IsNullOrWhiteSpace(o.Provider) ? model.Provider : o.Provider,
        ProviderModel = string.IsNullOrWhiteSpace(o.Name) ? model.ProviderModel : o.Name,
        Price = new ModelPrice(o.InputPerMillionUsd ?? model.Price.InputPerMillionUsd, o.OutputPerMillionUsd ?? model.Price.OutputPerMillionUsd),
        ContextWindowTokens = o.ContextWindowTokens ?? model.ContextWindowTokens,
        MaxConcurrency = o.MaxConcurrency ?? model.MaxConcurrency,
        RequestsPerMinute = o.RequestsPerMinute ?? model.RequestsPerMinute,
        Tier = o.Tier ?? model.Tier,
        Fallbacks = o.Fallbacks is null ? model.Fallbacks : [.. o.Fallbacks.Where(f => !string.IsNullOrWhiteSpace(f))],
    };
}
