using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace AgentFunctions.Core.Models.Pipeline;

/// <summary>
/// <c>Microsoft.Extensions.AI</c>'s <see cref="DistributedCachingChatClient"/> limited to calls that name a cache scope
/// (<see cref="ModelCallProperties.CacheScope"/>: run, node, attempt and purpose — the key hashes the messages and options, the
/// scope among them, so an identical request is answered from the cache only within the same scope), and marking a response it
/// answered with <see cref="ModelCallProperties.Cached"/> so the turn is priced at 0.
/// </summary>
internal sealed class ScopedCachingChatClient(IChatClient inner, IDistributedCache cache) : DistributedCachingChatClient(inner, cache)
{
    /// <inheritdoc/>
    protected override bool EnableCaching(IEnumerable<ChatMessage> messages, ChatOptions? options) =>
        ModelCallProperties.Get(options, ModelCallProperties.CacheScope) is not null && base.EnableCaching(messages, options);

    /// <inheritdoc/>
    protected override async Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken)
    {
        var hit = await base.ReadCacheAsync(key, cancellationToken);
        if (hit is not null)
        {
            (hit.AdditionalProperties ??= [])[ModelCallProperties.Cached] = true;
        }

        return hit;
    }
}
