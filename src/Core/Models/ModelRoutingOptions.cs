namespace AgentFunctions.Core.Models;

/// <summary>How the router calls models (<c>Models:Routing</c>).</summary>
public sealed class ModelRoutingOptions
{
    /// <summary>Gets or sets how long one attempt (one HTTP call to one model) may take before it counts as a timeout and the next candidate is tried (default 2 minutes).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how long an attempt waits for a permit of a model's requests-per-minute limit before it counts as <c>rate_limited</c> and the next candidate is tried (default 5 seconds).</summary>
    public TimeSpan RateLimitWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets whether a node that asks for a tier gets its model from the UCB1 bandit (true) or the cheapest model of the tier (false).</summary>
    public bool Bandit { get; set; } = true;

    /// <summary>Gets or sets the latency (default 30 s) at which the bandit's latency penalty is full; faster answers earn more reward.</summary>
    public TimeSpan BanditLatencyReference { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets whether identical model turns of the same cache scope (a node attempt) are answered from the response
    /// cache (<c>DistributedCachingChatClient</c> over the registered <c>IDistributedCache</c>, in memory by default; default false).</summary>
    public bool CacheEnabled { get; set; }

    /// <summary>Gets or sets the most bytes the in-memory response cache holds (default 16 MiB; <c>MemoryDistributedCacheOptions.SizeLimit</c>,
    /// each entry sized by its serialized response). Not used when the host registers its own <c>IDistributedCache</c>.</summary>
    public long CacheMaxBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Gets or sets the most model turns one call may take with tools (the function-invocation loop's
    /// <c>MaximumIterationsPerRequest</c>, default 20); a node's own <c>max_tool_calls</c> is usually the tighter bound.</summary>
    public int MaxToolTurns { get; set; } = 20;
}
