using AgentFunctions.Core.Models.OpenAI;
using AgentFunctions.Core.Models.Recorded;
using Anthropic;
using Microsoft.Extensions.AI;
using AnthropicClientOptions = Anthropic.Core.ClientOptions;

namespace AgentFunctions.Core.Models;

/// <summary>
/// One <see cref="IChatClient"/> per provider: OpenAI-compatible endpoints through <see cref="OpenAIChatClient"/>, Anthropic through
/// the official SDK's <c>AsIChatClient()</c> (its <c>BaseUrl</c> points it at any server speaking the Messages API), and the recorded
/// provider. In record mode live clients are wrapped in a <see cref="RecordingChatClient"/>. SDK retries are off: the router falls back.
/// </summary>
internal sealed class ProviderClients : IDisposable
{
    private readonly Dictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Creates the clients of every live provider and the recorded provider.</summary>
    /// <param name="pool">The pool (its providers).</param>
    /// <param name="options">Model options.</param>
    /// <param name="store">The recordings store.</param>
    /// <param name="time">Clock for recordings.</param>
    public ProviderClients(ModelPool pool, ModelOptions options, RecordingStore store, TimeProvider time)
    {
        // The SDKs' own timeouts stay above the router's attempt timeout, which cancels first.
        var networkTimeout = options.Routing.AttemptTimeout + TimeSpan.FromSeconds(30);
        foreach (var provider in pool.Providers.Values.Where(p => p.IsLive))
        {
            IChatClient live = provider.Kind switch
            {
                ProviderKind.Anthropic => new AnthropicClient(new AnthropicClientOptions
                {
                    BaseUrl = provider.Endpoint?.ToString().TrimEnd('/') ?? "https://api.anthropic.com",
                    ApiKey = string.IsNullOrWhiteSpace(provider.ApiKey) ? "not-needed" : provider.ApiKey,
                    MaxRetries = 0,
                    Timeout = networkTimeout,
                }).AsIChatClient(),
                _ => new OpenAIChatClient(provider.Endpoint, provider.ApiKey, "gpt-4o-mini", networkTimeout),
            };
            _clients[provider.Name] = options.Recorded.Mode == RecordingMode.Record
                ? new RecordingChatClient(live, store, "unknown", time)
                : live;
        }

        _clients[ProviderDefinition.RecordedName] = new RecordedChatClient(store, options.Recorded.ReplayDelay);
    }

    /// <summary>Gets the client of a provider.</summary>
    /// <param name="provider">The provider name.</param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">The provider is not live.</exception>
    public IChatClient Get(string provider) => _clients.TryGetValue(provider, out var client)
        ? client
        : throw new InvalidOperationException($"Provider '{provider}' has no endpoint or key configured.");

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
