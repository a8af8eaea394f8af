using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models.Recorded;

/// <summary>
/// Wraps a live <see cref="IChatClient"/> and stores each response it returns in a <see cref="RecordingStore"/>,
/// keyed by the call's skill and input, so later runs can replay it with <see cref="RecordedChatClient"/>. A tool-calling
/// conversation (it sits below the function-invocation layer, so it sees every turn) is stored once, at its final answer, with every
/// turn's tool calls and usage.
/// </summary>
public sealed class RecordingChatClient : DelegatingChatClient
{
    private readonly RecordingStore _store;
    private readonly string _defaultModel;
    private readonly TimeProvider _time;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), (long, long)> _turnUsage = new();

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
        var turn = list.Count(m => m.Role == ChatRole.Assistant);
        var calls = response.Messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).ToList();
        if (skillId is not null && inputKey is not null && (turn > 0 || calls.Count > 0))
        {
            // A tool conversation: keep each turn's usage until the final answer, then store the whole conversation.
            _turnUsage[(inputKey, turn)] = (response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
            if (calls.Count == 0)
            {
                await StoreConversationAsync(skillId, inputKey, list, response, options, cancellationToken);
            }

            return response;
        }

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

    private async Task StoreConversationAsync(string skillId, string inputKey, IReadOnlyList<ChatMessage> history, ChatResponse final, ChatOptions? options, CancellationToken cancellationToken)
    {
        var turns = new List<RecordedTurn>();
        foreach (var (message, index) in history.Where(m => m.Role == ChatRole.Assistant).Select((m, i) => (m, i)))
        {
            _turnUsage.TryRemove((inputKey, index), out var usage);
            turns.Add(new RecordedTurn(
                [.. message.Contents.OfType<FunctionCallContent>().Select(c => new RecordedToolCall(c.CallId, c.Name,
                    System.Text.Json.JsonSerializer.SerializeToNode(c.Arguments, AIJsonUtilities.DefaultOptions) as System.Text.Json.Nodes.JsonObject ?? []))],
                message.Text, usage.Item1, usage.Item2));
        }

        _turnUsage.TryRemove((inputKey, turns.Count), out var last);
        turns.Add(new RecordedTurn([], final.Text, last.Item1, last.Item2));
        var user = history.FirstOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        var model = ModelCallProperties.Get(options, ModelCallProperties.ModelId) ?? options?.ModelId ?? _defaultModel;
        await _store.AppendAsync(skillId, new RecordedResponse(
            inputKey, model, turns.Sum(t => t.InputTokens), turns.Sum(t => t.OutputTokens), _time.GetUtcNow(), $"live:{final.ModelId ?? model}",
            user.Length > 200 ? user[..200] : user, final.Text) { Turns = turns }, cancellationToken);
    }
}
