using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models.Recorded;

/// <summary>
/// The recorded provider: an <see cref="IChatClient"/> that replays stored responses, looked up by the skill and input
/// key a call carries in <see cref="ChatOptions.AdditionalProperties"/> (<see cref="ModelCallProperties"/>), so
/// editing a prompt layer does not break replay. Responses carry the original token usage and model and are marked
/// with <see cref="ModelCallProperties.Recorded"/> = true. No network call is made.
/// </summary>
public sealed class RecordedChatClient : IChatClient
{
    private readonly RecordingStore _store;
    private readonly TimeSpan _replayDelay;

    /// <summary>Creates the client.</summary>
    /// <param name="store">Where recordings are read from.</param>
    /// <param name="replayDelay">How long each replayed call waits before answering.</param>
    public RecordedChatClient(RecordingStore store, TimeSpan replayDelay)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _replayDelay = replayDelay;
    }

    /// <inheritdoc/>
    /// <exception cref="RecordingNotFoundException">No recording matches the call's skill and input.</exception>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var skillId = ModelCallProperties.Get(options, ModelCallProperties.SkillId);
        var inputKey = ModelCallProperties.Get(options, ModelCallProperties.InputKey);
        var recorded = skillId is null || inputKey is null ? null : await _store.FindAsync(skillId, inputKey, cancellationToken);
        if (recorded is null)
        {
            throw new RecordingNotFoundException(skillId, inputKey, skillId is null ? _store.Root : _store.FileFor(skillId));
        }

        if (_replayDelay > TimeSpan.Zero)
        {
            await Task.Delay(_replayDelay, cancellationToken);
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, recorded.Response))
        {
            ModelId = recorded.Model,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = recorded.InputTokens,
                OutputTokenCount = recorded.OutputTokens,
                TotalTokenCount = recorded.InputTokens + recorded.OutputTokens,
            },
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [ModelCallProperties.Recorded] = true,
                [ModelCallProperties.RecordingSource] = recorded.Source,
            },
        };
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
