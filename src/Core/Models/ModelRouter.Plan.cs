using System.Globalization;

namespace AgentFunctions.Core.Models;

/// <content>Planning: which candidates a call tries, in which order, and why.</content>
public sealed partial class ModelRouter
{
    /// <summary>
    /// Plans a node's model call without calling anything. The primary is the node's <paramref name="model"/>; else, for a
    /// <paramref name="tier"/>, the model of that tier the UCB1 bandit ranks first (or the cheapest, with the bandit off), the
    /// tier's other models following as alternatives; else <paramref name="skillDefaultModel"/>. The primary's fallback chain
    /// follows, expanded depth first and without repeats. Models whose provider has no endpoint or key are left out (the reason
    /// says so); when none is left, the single candidate is the recorded provider replaying the primary.
    /// With <c>Models:OpenAI:Model</c> set, the single candidate is that model on the <c>openai</c> endpoint.
    /// </summary>
    /// <param name="model">The node's model id <c>provider/model</c>, or null.</param>
    /// <param name="tier">The node's tier (<c>gold</c>, <c>silver</c>, <c>bronze</c>), or null; ignored when <paramref name="model"/> is set.</param>
    /// <param name="skillDefaultModel">The skill's model id, used when neither is set.</param>
    /// <returns>The plan; its candidates are never empty.</returns>
    /// <exception cref="ArgumentException">The model is not in the pool, the tier is unknown, or the tier has no model.</exception>
    public ModelPlan Plan(string? model, string? tier, string skillDefaultModel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(skillDefaultModel);
        ModelDefinition primary;
        string requested;
        string why;
        ModelTier? banditTier = null;
        List<ModelDefinition> ranked = [];
        if (!string.IsNullOrWhiteSpace(model) || string.IsNullOrWhiteSpace(tier))
        {
            requested = string.IsNullOrWhiteSpace(model) ? skillDefaultModel : model;
            primary = _pool.Find(requested)
                ?? throw new ArgumentException($"Model '{requested}' is not in the model pool; add it under Models:Pool:{requested}.", nameof(model));
            why = string.IsNullOrWhiteSpace(model) ? $"the skill's model {requested}" : $"the node asks for {requested}";
        }
        else
        {
            var t = Enum.TryParse<ModelTier>(tier, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ArgumentException($"Unknown tier '{tier}'; use gold, silver or bronze.", nameof(tier));
            requested = $"tier:{Name(t)}";
            (ranked, why) = RankTier(t);
            primary = ranked[0];
            banditTier = _options.Routing.Bandit ? t : null;
        }

        if (_options.OpenAI.IsConfigured && _options.OpenAI.Model is { Length: > 0 } overrideModel)
        {
            var reason = $"Models:OpenAI:Model sends every call to '{overrideModel}' on the openai endpoint ({why})";
            var candidate = new ModelCandidate(primary.Id, ProviderDefinition.OpenAIName, overrideModel, primary.Tier, primary.Price, primary.ContextWindowTokens, reason);
            return new ModelPlan(requested, [candidate], reason, null);
        }

        var chain = ranked.Concat(Expand(primary)).Distinct().ToList();
        var live = chain.Where(_pool.IsLive).ToList();
        var skipped = chain.Where(m => !_pool.IsLive(m)).Select(m => $"{m.Id} (provider {m.Provider} not configured)").ToList();
        if (live.Count == 0)
        {
            var replay = _pool.HasLiveProvider
                ? $"{why}; no live provider serves it or its fallbacks, so the recorded response is replayed"
                : $"{why}; no live model is configured (Models:OpenAI, Models:Anthropic, Models:Providers), so the recorded response is replayed";
            return new ModelPlan(requested, [Candidate(primary, replay)], replay, banditTier);
        }

        var recording = _options.Recorded.Mode == RecordingMode.Record ? ", recording the response" : string.Empty;
        var first = live[0] == primary ? $"{why}{recording}" : $"{why}, served by its fallback {live[0].Id}{recording}";
        var candidates = live.Select((m, i) => Candidate(m, i == 0 ? first
            : ranked.Contains(m) ? $"alternative {i} of {requested} (bandit rank)" : $"fallback {i} of {primary.Id}")).ToList();
        var planReason = skipped.Count == 0 ? first : $"{first}; left out: {string.Join(", ", skipped)}";
        return new ModelPlan(requested, candidates, planReason, banditTier);
    }

    private (List<ModelDefinition> Ranked, string Why) RankTier(ModelTier tier)
    {
        var members = Servable(_pool.Models.Values.Where(m => m.Tier == tier));
        if (members.Count == 0)
        {
            throw new ArgumentException($"Tier '{Name(tier)}' has no model in the pool.", nameof(tier));
        }

        if (!_options.Routing.Bandit)
        {
            var byPrice = members.OrderBy(m => m.BlendedPricePerMillionUsd).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
            return (byPrice, $"tier {Name(tier)}: the cheapest model {byPrice[0].Id}");
        }

        var rank = _bandit.Rank(members);
        var best = rank[0];
        var stats = best.Pulls == 0
            ? "not tried yet"
            : string.Create(CultureInfo.InvariantCulture, $"mean reward {best.Mean:0.###} over {best.Pulls} call(s), score {best.Score:0.###}");
        return ([.. rank.Select(r => r.Model)], $"tier {Name(tier)}: UCB1 chose {best.Model.Id} ({stats})");
    }

    private List<ModelDefinition> Expand(ModelDefinition primary)
    {
        var result = new List<ModelDefinition>();
        void Visit(ModelDefinition m)
        {
            if (result.Contains(m))
            {
                return;
            }

            result.Add(m);
            foreach (var next in m.Fallbacks)
            {
                if (_pool.Find(next) is { } f)
                {
                    Visit(f);
                }
            }
        }

        Visit(primary);
        return result;
    }
}
