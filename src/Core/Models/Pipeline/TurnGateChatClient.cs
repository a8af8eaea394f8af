using System.Diagnostics;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Models.Routing;
using AgentFunctions.Core.Telemetry;
using Microsoft.Extensions.AI;
using Polly;

namespace AgentFunctions.Core.Models.Pipeline;

/// <summary>
/// The router's gate on every model turn, the innermost concern of a provider pipeline above the cache: before a turn it checks
/// the conversation plus the output limit against the candidate's context window and asks the call's budget gate for this turn's
/// estimate on top of what the attempt's earlier turns cost (<see cref="ModelCallScope"/>), takes the model's concurrency and
/// requests-per-minute permits and bounds the turn by <see cref="ModelRoutingOptions.AttemptTimeout"/>; after it, it prices the
/// turn from the provider's usage (tokenizer counts when none is reported) and adds it to the scope. Outside a scope (no router
/// call) it passes the request through.
/// </summary>
internal sealed class TurnGateChatClient : DelegatingChatClient
{
    private readonly ModelPool _pool;
    private readonly ModelLimits _limits;
    private readonly ResiliencePipeline _timeout;
    private readonly TimeSpan _rateLimitWait;
    private readonly TimeProvider _time;

    public TurnGateChatClient(IChatClient inner, ModelPool pool, ModelLimits limits, ResiliencePipeline timeout, TimeSpan rateLimitWait, TimeProvider time)
        : base(inner)
    {
        _pool = pool;
        _limits = limits;
        _timeout = timeout;
        _rateLimitWait = rateLimitWait;
        _time = time;
    }

    /// <inheritdoc/>
    /// <exception cref="ModelTurnRefusedException">The turn would exceed the context window or the budget gate refused it.</exception>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (ModelCallScope.Current is not { } scope)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }

        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var turn = scope.Turns.Count;
        var promptTokens = turn == 0 ? scope.PromptTokens : ConversationTokens(list, scope.Candidate.ProviderModel);
        var candidate = scope.Candidate;
        if (promptTokens + scope.Request.MaxOutputTokens > candidate.ContextWindowTokens)
        {
            throw new ModelTurnRefusedException(ModelAttemptOutcome.ContextExceeded, turn,
                $"{promptTokens} prompt + {scope.Request.MaxOutputTokens} output tokens exceed the {candidate.ContextWindowTokens}-token context window of {candidate.Model}" +
                (turn == 0 ? string.Empty : $" at model turn {turn + 1}"));
        }

        if (scope.CheckNextTurn(promptTokens) is { } refusal)
        {
            throw new ModelTurnRefusedException(ModelAttemptOutcome.RefusedByBudget, turn, turn == 0 ? refusal : $"{refusal} (before model turn {turn + 1})");
        }

        var started = _time.GetTimestamp();
        ChatResponse response;
        using (candidate.Provider == ProviderDefinition.RecordedName || scope.Definition is null
            ? null
            : await _limits.AcquireAsync(scope.Definition, _rateLimitWait, cancellationToken))
        {
            response = await _timeout.ExecuteAsync(async ct => await base.GetResponseAsync(list, options, ct), cancellationToken);
        }

        var priced = Price(scope, response, promptTokens, (long)_time.GetElapsedTime(started).TotalMilliseconds);
        scope.Turns.Add(priced);
        TagChatSpan(priced);
        return response;
    }

    // The GenAI span of this turn (OpenTelemetryChatClient's, the current activity here) gets the turn's cost and the run and
    // node it belongs to, copied from the nearest enclosing span that names them (the node span).
    private static void TagChatSpan(ModelTurn turn)
    {
        if (Activity.Current is not { } chat || chat.Source.Name != AgentTelemetry.Name || chat.GetTagItem(TelemetryTags.GenAiOperationName) as string != "chat")
        {
            return;
        }

        chat.SetTag(TelemetryTags.CostUsd, (double)turn.CostUsd);
        chat.SetTag(TelemetryTags.Model, turn.Model);
        chat.SetTag(TelemetryTags.Recorded, turn.Recorded);
        for (var parent = chat.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.GetTagItem(TelemetryTags.RunId) is { } runId)
            {
                chat.SetTag(TelemetryTags.RunId, runId);
                chat.SetTag(TelemetryTags.NodeId, parent.GetTagItem(TelemetryTags.NodeId));
                chat.SetTag(TelemetryTags.Attempt, parent.GetTagItem(TelemetryTags.Attempt));
                break;
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">Always: the router makes non-streaming calls only.</exception>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The model router makes non-streaming calls only.");

    /// <summary>Counts the tokens of a conversation: every message's text plus the tool calls and results it carries.</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="modelId">The model (its encoding, see <see cref="TokenCounter.EncodingFor"/>), or null.</param>
    /// <returns>Tokens, by the tokenizer (chat framing tokens not counted).</returns>
    internal static int ConversationTokens(IEnumerable<ChatMessage> messages, string? modelId) => messages.Sum(m => m.Contents.Sum(c => c switch
    {
        TextContent t => TokenCounter.Count(t.Text, modelId),
        FunctionCallContent call => TokenCounter.Count(call.Name, modelId) + TokenCounter.Count(System.Text.Json.JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions), modelId),
        FunctionResultContent result => TokenCounter.Count(ToolCalling.ToolCallGuard.Text(result.Result), modelId),
        _ => 0,
    }));

    private ModelTurn Price(ModelCallScope scope, ChatResponse response, int promptTokens, long elapsedMs)
    {
        var recorded = response.AdditionalProperties?.TryGetValue(ModelCallProperties.Recorded, out var r) == true && r is true;
        var cached = response.AdditionalProperties?.TryGetValue(ModelCallProperties.Cached, out var c) == true && c is true;
        var candidate = scope.Candidate;
        var model = recorded && response.ModelId is { } recordedModel && _pool.Find(recordedModel) is not null ? recordedModel : candidate.Model;
        var price = _pool.Find(model)?.Price ?? candidate.Price;
        var input = response.Usage?.InputTokenCount ?? promptTokens;
        var output = response.Usage?.OutputTokenCount ?? TokenCounter.Count(response.Text, candidate.ProviderModel);
        var toolCalls = response.Messages.Sum(m => m.Contents.OfType<FunctionCallContent>().Count());
        return new ModelTurn(model, input, output, cached ? 0 : price.Cost(input, output), elapsedMs, recorded, cached, toolCalls);
    }
}
