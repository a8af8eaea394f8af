using AgentFunctions.Core.Models.Pipeline;
using AgentFunctions.Core.Models.Recorded;
using AgentFunctions.Core.Models.Routing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace AgentFunctions.Core.Models;

/// <summary>
/// Routes model calls over the <see cref="ModelPool"/>: <see cref="Plan"/> orders the candidates of a node's call (its model, a
/// tier ranked by a UCB1 bandit, or the skill's default, then the fallback chain), <see cref="CompleteAsync"/> tries them in order
/// with a Polly pipeline — the next candidate on HTTP 429, 5xx or a timeout. Each provider's client is a
/// <c>Microsoft.Extensions.AI</c> <c>ChatClientBuilder</c> pipeline (<see cref="ProviderClients"/>): function invocation for tools,
/// OpenTelemetry, logging, our turn gate (budget gate, context window, per-model concurrency and requests-per-minute limits,
/// pricing of every model turn) and the distributed response cache. Models whose provider has no endpoint or key are left out;
/// when none is left the recorded provider replays the stored response.
/// </summary>
public sealed partial class ModelRouter : IDisposable
{
    private readonly ModelPool _pool;
    private readonly ModelOptions _options;
    private readonly ProviderClients _clients;
    private readonly ModelLimits _limits = new();
    private readonly Ucb1Bandit _bandit = new();
    private readonly ResiliencePipeline<ModelCallResult> _fallback;
    private readonly TimeProvider _time;
    private readonly ILogger<ModelRouter> _logger;

    /// <summary>Creates the router.</summary>
    /// <param name="pool">The model pool.</param>
    /// <param name="options">Model options (routing, recorded provider).</param>
    /// <param name="store">The recordings store.</param>
    /// <param name="time">Clock for durations and recordings.</param>
    /// <param name="loggerFactory">Logs of the router and of each provider pipeline (<c>LoggingChatClient</c>: prompts and answers only at Trace).</param>
    /// <param name="cache">The response cache's store (<c>Models:Routing:CacheEnabled</c>); null for an in-memory one.</param>
    public ModelRouter(ModelPool pool, IOptions<ModelOptions> options, RecordingStore store, TimeProvider time, ILoggerFactory loggerFactory, IDistributedCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(options);
        _pool = pool;
        _options = options.Value;
        _time = time;
        _logger = loggerFactory.CreateLogger<ModelRouter>();
        var turnTimeout = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(_options.Routing.AttemptTimeout).Build();
        _clients = new ProviderClients(pool, _options, store, time, loggerFactory, new ProviderPipeline(
            _limits, turnTimeout, _options.Routing.CacheEnabled ? cache ?? new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions { SizeLimit = _options.Routing.CacheMaxBytes })) : null));
        _fallback = new ResiliencePipelineBuilder<ModelCallResult> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ModelCallResult>
            {
                // Each retry moves to the plan's next candidate (the callback takes them in order), so there is no delay.
                ShouldHandle = new PredicateBuilder<ModelCallResult>().Handle<ModelAttemptException>(e => e.FallBack),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
            })
            .Build();
    }

    /// <summary>Gets whether calls can reach a live model (some provider has an endpoint or key).</summary>
    public bool HasLiveModel => _pool.HasLiveProvider;

    /// <summary>Estimates the cost of a call to a candidate.</summary>
    /// <param name="candidate">The candidate.</param>
    /// <param name="promptTokens">Prompt tokens.</param>
    /// <param name="maxOutputTokens">The output limit in tokens (the worst case).</param>
    /// <returns>USD: promptTokens × input price + maxOutputTokens × output price.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Part of the router's surface the executor and budget policies call; prices may later depend on router state.")]
    public decimal Estimate(ModelCandidate candidate, int promptTokens, int maxOutputTokens)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return candidate.Price.Cost(promptTokens, maxOutputTokens);
    }

    /// <summary>Finds the model to downgrade to when a budget does not allow a model (the budget policy <c>downgrade</c>).</summary>
    /// <param name="model">The model id that does not fit.</param>
    /// <returns>The cheapest (by input + output price) servable model of the next lower tier that has one, or null when the model is
    /// unknown or no lower tier has a servable model.</returns>
    public ModelCandidate? Downgrade(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (_pool.Find(model) is not { } from)
        {
            return null;
        }

        foreach (var tier in Enum.GetValues<ModelTier>().Where(t => t > from.Tier))
        {
            if (Cheapest(Servable(_pool.Models.Values.Where(m => m.Tier == tier))) is { } to)
            {
                return Candidate(to, $"downgraded from {from.Id} ({Name(from.Tier)}) to the cheapest {Name(tier)} model {to.Id}");
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _clients.Dispose();
        _limits.Dispose();
    }

    private static string Name(ModelTier tier) => tier.ToString().ToLowerInvariant();

    private static ModelDefinition? Cheapest(IEnumerable<ModelDefinition> models) =>
        models.OrderBy(m => m.BlendedPricePerMillionUsd).ThenBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault();

    // The live models among these, or all of them when no provider is live (the recorded provider serves every model).
    private List<ModelDefinition> Servable(IEnumerable<ModelDefinition> models) =>
        [.. models.Where(m => !_pool.HasLiveProvider || _pool.IsLive(m))];

    private ModelCandidate Candidate(ModelDefinition model, string reason) => _pool.IsLive(model)
        ? new ModelCandidate(model.Id, model.Provider, model.ProviderModel, model.Tier, model.Price, model.ContextWindowTokens, reason)
        : new ModelCandidate(model.Id, ProviderDefinition.RecordedName, model.Id, model.Tier, model.Price, model.ContextWindowTokens, reason);
}
