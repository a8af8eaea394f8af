using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace AgentFunctions.Core.Models.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> over the official <c>OpenAI</c> SDK's <see cref="ChatClient"/>, for any endpoint that speaks
/// the OpenAI Chat Completions API (OpenAI, Azure OpenAI v1, Ollama, vLLM). It is small on purpose: the
/// <c>Microsoft.Extensions.AI.OpenAI</c> package that would provide it cannot be installed here. Text messages only
/// (system, user, assistant); tools are not mapped. The SDK's own retries are off: the router falls back on 429, 5xx and
/// timeouts itself.
/// </summary>
public sealed class OpenAIChatClient : IChatClient
{
    private readonly OpenAIClient _client;
    private readonly string _defaultModel;

    /// <summary>Creates the client.</summary>
    /// <param name="endpoint">Base URL, or null for OpenAI's.</param>
    /// <param name="apiKey">API key; servers that need none (Ollama) accept any value, so null becomes a placeholder.</param>
    /// <param name="defaultModel">Model name used when a call's options name none (without the <c>openai/</c> prefix).</param>
    /// <param name="networkTimeout">Time one HTTP request may take.</param>
    public OpenAIChatClient(Uri? endpoint, string? apiKey, string defaultModel, TimeSpan networkTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultModel);
        var options = new OpenAIClientOptions { NetworkTimeout = networkTimeout, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }

        _client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrWhiteSpace(apiKey) ? "not-needed" : apiKey), options);
        _defaultModel = defaultModel;
        Endpoint = endpoint;
    }

    /// <summary>Gets the configured endpoint, or null for OpenAI's.</summary>
    public Uri? Endpoint { get; }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? _defaultModel;
        var completion = (await _client.GetChatClient(model).CompleteChatAsync(ToOpenAI(messages), ToOpenAI(options), cancellationToken)).Value;
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return new ChatResponse(new AIChatMessage(ChatRole.Assistant, text))
        {
            ModelId = completion.Model,
            ResponseId = completion.Id,
            CreatedAt = completion.CreatedAt,
            FinishReason = completion.FinishReason switch
            {
                global::OpenAI.Chat.ChatFinishReason.Length => Microsoft.Extensions.AI.ChatFinishReason.Length,
                global::OpenAI.Chat.ChatFinishReason.ContentFilter => Microsoft.Extensions.AI.ChatFinishReason.ContentFilter,
                global::OpenAI.Chat.ChatFinishReason.ToolCalls => Microsoft.Extensions.AI.ChatFinishReason.ToolCalls,
                _ => Microsoft.Extensions.AI.ChatFinishReason.Stop,
            },
            Usage = completion.Usage is null ? null : new UsageDetails
            {
                InputTokenCount = completion.Usage.InputTokenCount,
                OutputTokenCount = completion.Usage.OutputTokenCount,
                TotalTokenCount = completion.Usage.TotalTokenCount,
            },
            RawRepresentation = completion,
        };
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? _defaultModel;
        await foreach (var update in _client.GetChatClient(model).CompleteChatStreamingAsync(ToOpenAI(messages), ToOpenAI(options), cancellationToken))
        {
            var text = string.Concat(update.ContentUpdate.Select(p => p.Text));
            var result = new ChatResponseUpdate(ChatRole.Assistant, text) { ModelId = update.Model };
            if (update.Usage is { } usage)
            {
                result.Contents.Add(new UsageContent(new UsageDetails
                {
                    InputTokenCount = usage.InputTokenCount,
                    OutputTokenCount = usage.OutputTokenCount,
                    TotalTokenCount = usage.TotalTokenCount,
                }));
            }

            yield return result;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private static List<OpenAIChatMessage> ToOpenAI(IEnumerable<AIChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return [.. messages.Select(m => m.Role == ChatRole.System ? (OpenAIChatMessage)new SystemChatMessage(m.Text)
            : m.Role == ChatRole.Assistant ? new AssistantChatMessage(m.Text)
            : new UserChatMessage(m.Text))];
    }

    private static ChatCompletionOptions ToOpenAI(ChatOptions? options)
    {
        var result = new ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        result.MaxOutputTokenCount = options.MaxOutputTokens;
        result.Temperature = options.Temperature;
        if (options.ResponseFormat is ChatResponseFormatJson)
        {
            result.ResponseFormat = global::OpenAI.Chat.ChatResponseFormat.CreateJsonObjectFormat();
        }

        return result;
    }
}
