using System.ClientModel;
using System.ClientModel.Primitives;
using AgentFunctions.Core.Models.Recorded;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AnthropicClientOptions = Anthropic.Core.ClientOptions;

namespace AgentFunctions.Core.Models;

/// <summary>
/// One <see cref="IChatClient"/> per provider: OpenAI-compatible endpoints (OpenAI, Azure OpenAI v1, Ollama, vLLM) through the
/// official <c>OpenAI</c> SDK's <see cref="ChatClient"/> adapted by <c>Microsoft.Extensions.AI.OpenAI</c>'s <c>AsIChatClient()</c>,
/// Anthropic through its official SDK's <c>AsIChatClient()</c> (its <c>BaseUrl</c> points it at any server speaking the Messages API),
/// and the recorded provider. In record mode live clients are wrapped in a <see cref="RecordingChatClient"/>. Both SDKs' own retries
/// are off (zero retries): the router's Polly pipeline falls back to the next candidate on 429, 5xx, unreachable and timeouts, and an
/// SDK retry would multiply attempts and hide a 429 from it.
/// </summary>
internal sealed class ProviderClients : IDisposable
{
    private const string DefaultOpenAIModel = "gpt-4o-mini";

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
                _ => OpenAICompatible(provider, networkTimeout),
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

    // Every call names its model (ChatOptions.ModelId, sent as the request's "model"); the client's own model is only the default.
    private static IChatClient OpenAICompatible(ProviderDefinition provider, TimeSpan networkTimeout)
    {
        var options = new OpenAIClientOptions { NetworkTimeout = networkTimeout, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        if (provider.Endpoint is { } endpoint)
        {
            options.Endpoint = endpoint;
        }

        // Servers that need no key (Ollama) accept any value.
        var key = new ApiKeyCredential(string.IsNullOrWhiteSpace(provider.ApiKey) ? "not-needed" : provider.ApiKey);
        return new ChatClient(DefaultOpenAIModel, key, options).AsIChatClient();
    }
}
