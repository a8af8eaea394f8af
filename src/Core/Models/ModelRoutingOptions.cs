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

    /// <summary>Gets or sets whether identical requests of the same cache scope (a node attempt) are answered from memory (default false).</summary>
    public bool CacheEnabled { get; set; }

    /// <summary>Gets or sets how many responses the cache keeps (least recently used are evicted first).</summary>
    public int CacheMaxEntries { get; set; } = 256;
}
