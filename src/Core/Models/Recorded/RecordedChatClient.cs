using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models.Recorded;

/// <summary>
/// The recorded provider: an <see cref="IChatClient"/> that replays stored responses, looked up by the skill and input
/// key a call carries in <see cref="ChatOptions.AdditionalProperties"/> (<see cref="ModelCallProperties"/>), so
/// editing a prompt layer does not break replay. Responses carry the original token usage and model and are marked
/// with <see cref="ModelCallProperties.Recorded"/> = true. A recorded tool-calling conversation (<see cref="RecordedResponse.Turns"/>)
/// is replayed turn by turn: the function-invocation layer above runs the recorded tool calls for real and asks for the next turn.
/// No network call is made.
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

        var (message, input, output, finish) = recorded.Turns is { Count: > 0 } turns
            ? Turn(turns, messages, skillId!)
            : (new ChatMessage(ChatRole.Assistant, recorded.Response), recorded.InputTokens, recorded.OutputTokens, ChatFinishReason.Stop);
        return new ChatResponse(message)
        {
            ModelId = recorded.Model,
            FinishReason = finish,
            Usage = new UsageDetails
            {
                InputTokenCount = input,
                OutputTokenCount = output,
                TotalTokenCount = input + output,
            },
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [ModelCallProperties.Recorded] = true,
                [ModelCallProperties.RecordingSource] = recorded.Source,
            },
        };
    }

    // A tool conversation replays the turn after the ones the conversation already holds (one assistant message per turn).
    private static (ChatMessage, long, long, ChatFinishReason) Turn(IReadOnlyList<RecordedTurn> turns, IEnumerable<ChatMessage> messages, string skillId)
    {
        var index = messages.Count(m => m.Role == ChatRole.Assistant);
        if (index >= turns.Count)
        {
            throw new InvalidOperationException(
                $"The recorded conversation of {skillId} has {turns.Count} turn(s) and the call asks for turn {index + 1}: the tool results differ from the recording's, or the recording is incomplete.");
        }

        var turn = turns[index];
        var contents = new List<AIContent>();
        if (turn.Text.Length > 0)
        {
            contents.Add(new TextContent(turn.Text));
        }

        contents.AddRange(turn.ToolCalls.Select(c => new FunctionCallContent(c.Id, c.Name,
            c.Arguments.ToDictionary(kv => kv.Key, kv => (object?)System.Text.Json.JsonSerializer.SerializeToElement(kv.Value)))));
        return (new ChatMessage(ChatRole.Assistant, contents), turn.InputTokens, turn.OutputTokens, turn.ToolCalls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop);
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
