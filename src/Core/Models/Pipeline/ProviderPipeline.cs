using AgentFunctions.Core.Models.Routing;
using Microsoft.Extensions.Caching.Distributed;
using Polly;

namespace AgentFunctions.Core.Models.Pipeline;

/// <summary>What every provider pipeline shares: the per-model limits, the per-turn timeout and the response cache's store.</summary>
/// <param name="Limits">Per-model concurrency and requests-per-minute limits of this process.</param>
/// <param name="TurnTimeout">Bounds each model turn by <see cref="ModelRoutingOptions.AttemptTimeout"/>.</param>
/// <param name="Cache">The response cache's store, or null when the cache is off.</param>
internal sealed record ProviderPipeline(ModelLimits Limits, ResiliencePipeline TurnTimeout, IDistributedCache? Cache);
