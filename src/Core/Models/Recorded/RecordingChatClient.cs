using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models.Recorded;

/// <summary>
/// Wraps a live <see cref="IChatClient"/> and stores each response it returns in a <see cref="RecordingStore"/>,
/// keyed by the call's skill and input, so later runs can replay it with <see cref="RecordedChatClient"/>.
/// </summary>
public sealed class RecordingChatClient : DelegatingChatClient
{
    private readonly RecordingStore _store;
    private readonly string _defaultModel;
    private readonly TimeProvider _time;

    /// <summary>Creates the client.</summary>
    /// <param name="inner">The live client.</param>
    /// <param name="store">Where responses are stored.</param>
    /// <param name="defaultModel">Model id recorded when the response names none.</param>
    /// <param name="time">Clock for the recording time.</param>
    public RecordingChatClient(IChatClient inner, RecordingStore store, string defaultModel, TimeProvider time)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _defaultModel = defaultModel;
        _time = time;
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var response = await base.GetResponseAsync(list, options, cancellationToken);
        var skillId = ModelCallProperties.Get(options, ModelCallProperties.SkillId);
        var inputKey = ModelCallProperties.Get(options, ModelCallProperties.InputKey);
        if (skillId is not null && inputKey is not null)
        {
            var user = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
            var model = ModelCallProperties.Get(options, ModelCallProperties.ModelId) ?? options?.ModelId ?? _defaultModel;
            await _store.AppendAsync(skillId, new RecordedResponse(
                inputKey,
                model,
                response.Usage?.InputTokenCount ?? 0,
                response.Usage?.OutputTokenCount ?? 0,
                _time.GetUtcNow(),
                $"live:{response.ModelId ?? model}",
                user.Length > 200 ? user[..200] : user,
                response.Text), cancellationToken);
        }

        return response;
    }
}
