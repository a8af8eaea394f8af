using System.ClientModel;
using System.ClientModel.Primitives;
using AgentFunctions.Core.Models.Pipeline;
using AgentFunctions.Core.Models.Recorded;
using AgentFunctions.Core.Models.ToolCalling;
using Anthropic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;
using AnthropicClientOptions = Anthropic.Core.ClientOptions;

namespace AgentFunctions.Core.Models;

/// <summary>
/// One <see cref="IChatClient"/> per provider, each a <see cref="ChatClientBuilder"/> pipeline, outermost first:
/// <see cref="FunctionInvokingChatClient"/> (the tool loop; every call checked by <see cref="ToolCallGuard"/>),
/// <see cref="PiiRedactingChatClient"/> (PII replaced by run tokens on the way out, restored on the way back),
/// <see cref="OpenTelemetryChatClient"/> (GenAI semantic conventions, source <c>AgentFunctions</c>, no message contents),
/// <see cref="LoggingChatClient"/> (prompts and answers only at Trace), our <see cref="TurnGateChatClient"/> (budget gate,
/// context window, limits, timeout and price of every model turn), the response cache (<see cref="ScopedCachingChatClient"/>,
/// when on), then the provider's own client: OpenAI-compatible endpoints (OpenAI, Azure OpenAI v1, Ollama, vLLM) through the
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
    /// <param name="loggerFactory">Logs of the logging and function-invocation layers.</param>
    /// <param name="shared">What every pipeline shares (limits, turn timeout, cache).</param>
    public ProviderClients(ModelPool pool, ModelOptions options, RecordingStore store, TimeProvider time, ILoggerFactory loggerFactory, ProviderPipeline shared)
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
            _clients[provider.Name] = Build(
                options.Recorded.Mode == RecordingMode.Record ? new RecordingChatClient(live, store, "unknown", time) : live,
                pool, options, time, loggerFactory, shared);
        }

        _clients[ProviderDefinition.RecordedName] = Build(new RecordedChatClient(store, options.Recorded.ReplayDelay), pool, options, time, loggerFactory, shared);
    }

    /// <summary>The OpenTelemetry source name of model calls (spans <c>chat {model}</c>, <c>execute_tool {name}</c>, <c>orchestrate_tools</c>).</summary>
    public const string TelemetrySourceName = Telemetry.AgentTelemetry.Name;

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

    private static IChatClient Build(IChatClient provider, ModelPool pool, ModelOptions options, TimeProvider time, ILoggerFactory loggerFactory, ProviderPipeline shared)
    {
        var builder = new ChatClientBuilder(provider)
            .UseFunctionInvocation(loggerFactory, f =>
            {
                f.FunctionInvoker = ToolCallGuard.InvokeAsync;
                f.MaximumIterationsPerRequest = options.Routing.MaxToolTurns;
                f.IncludeDetailedErrors = true;
            })
            .Use(inner => new PiiRedactingChatClient(inner))
            .UseOpenTelemetry(loggerFactory, TelemetrySourceName, t => t.EnableSensitiveData = false)
            .UseLogging(loggerFactory)
            .Use(inner => new TurnGateChatClient(inner, pool, shared.Limits, shared.TurnTimeout, options.Routing.RateLimitWait, time));
        if (shared.Cache is { } cache)
        {
            builder.Use(inner => new ScopedCachingChatClient(inner, cache));
        }

        return builder.Build();
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
