using System.ClientModel;
using AgentFunctions.Core.Models.Pipeline;
using AgentFunctions.Core.Models.ToolCalling;
using AgentFunctions.Core.Models.Routing;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;
using Polly.Timeout;

namespace AgentFunctions.Core.Models;

/// <content>Calling: attempts in plan order, with limits, the budget gate, timeouts, pricing and the cache.</content>
public sealed partial class ModelRouter
{
    /// <summary>
    /// Calls the plan's candidates in order until one answers. Every model turn — the first request and, with
    /// <see cref="ModelCallRequest.Tools"/>, each request after tool results — passes the provider pipeline's gate
    /// (<see cref="Pipeline.TurnGateChatClient"/>): the conversation plus output limit against the candidate's context window, and
    /// <see cref="ModelCallRequest.BudgetGate"/> asked for the turn's estimate on top of the attempt's earlier turns. A candidate
    /// refused on its first turn is not called and the next is tried; a refusal after tool calls ends the call. An attempt that is
    /// rate limited (HTTP 429 or this process's requests-per-minute limit), fails with 5xx or cannot connect, or has a turn that
    /// exceeds <see cref="ModelRoutingOptions.AttemptTimeout"/> moves to the next candidate (a tool conversation then starts over
    /// on it); any other error ends the call. With the response cache on and a <see cref="ModelCallRequest.CacheScope"/>, an
    /// identical turn of the same scope is answered by <c>DistributedCachingChatClient</c> at no cost.
    /// </summary>
    /// <param name="plan">The plan from <see cref="Plan"/>.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer, the model and provider that gave it, tokens and cost in USD summed over every model turn, each turn,
    /// and every attempt.</returns>
    /// <exception cref="ModelCallFailedException">No candidate answered; it carries every attempt.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public async Task<ModelCallResult> CompleteAsync(ModelPlan plan, ModelCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(request);
        var call = new CallState(plan, request, request.PromptTokens ?? TurnGateChatClient.ConversationTokens(request.Messages, plan.Primary.ProviderModel));
        try
        {
            return await _fallback.ExecuteAsync(ct => AttemptAsync(call, ct), cancellationToken);
        }
        catch (ModelAttemptException ex)
        {
            throw new ModelCallFailedException(plan.Requested, call.Attempts, ex.InnerException) { Turns = call.Turns, ToolCalls = request.Tools?.Records ?? [] };
        }
    }

    private async ValueTask<ModelCallResult> AttemptAsync(CallState call, CancellationToken cancellationToken)
    {
        var candidate = call.Plan.Candidates[call.Next++];
        var more = call.Next < call.Plan.Candidates.Count;
        var scope = new ModelCallScope(candidate, _pool.Find(candidate.Model), call.Request, call.PromptTokens);
        var started = _time.GetTimestamp();
        try
        {
            ChatResponse response;
            using (scope.Enter())
            {
                response = await _clients.Get(candidate.Provider).GetResponseAsync(call.Request.Messages, Options(candidate, call.Request), cancellationToken);
            }

            var elapsed = (long)_time.GetElapsedTime(started).TotalMilliseconds;
            if (call.Request.Tools is { } tools)
            {
                ToolCallGuard.RecordUnknownCalls(tools, response.Messages);
            }

            if (scope.Stopped is { } stopped)
            {
                call.Attempts.Add(new ModelAttempt(candidate.Model, candidate.Provider, scope.StoppedOutcome, stopped, elapsed));
                LogRefused(_logger, candidate.Model, stopped);
                throw new ModelAttemptException(false, stopped, null);
            }

            call.Attempts.Add(new ModelAttempt(candidate.Model, candidate.Provider, ModelAttemptOutcome.Answered, null, elapsed));
            var result = Priced(call, candidate, response, scope.Turns);
            Reward(call, candidate, true, result.CostUsd, result.InputTokens, result.OutputTokens, elapsed);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ModelTurnRefusedException ex)
        {
            LogRefused(_logger, candidate.Model, ex.Message);
            call.Attempts.Add(new ModelAttempt(candidate.Model, candidate.Provider, ex.Outcome, ex.Message, 0));
            throw new ModelAttemptException(more && ex.Turn == 0, ex.Message, null);
        }
        catch (Exception ex) when (ex is not ModelAttemptException and not ModelTurnRefusedException)
        {
            var elapsed = (long)_time.GetElapsedTime(started).TotalMilliseconds;
            var outcome = Classify(ex);
            var error = outcome == ModelAttemptOutcome.Timeout && ex is TimeoutRejectedException
                ? $"no answer within {_options.Routing.AttemptTimeout.TotalMilliseconds:0} ms"
                : ex.Message;
            call.Attempts.Add(new ModelAttempt(candidate.Model, candidate.Provider, outcome, error, elapsed));
            Reward(call, candidate, false, 0, call.PromptTokens, call.Request.MaxOutputTokens, elapsed);
            var fallBack = more && outcome != ModelAttemptOutcome.Error;
            LogAttemptFailed(_logger, candidate.Model, candidate.Provider, ModelAttempts.ToWire(outcome), elapsed, fallBack, error);
            throw new ModelAttemptException(fallBack, error, ex);
        }
        finally
        {
            call.Turns.AddRange(scope.Turns);
        }
    }

    private static ModelAttemptOutcome Classify(Exception ex) => ex switch
    {
        TimeoutRejectedException or TimeoutException or TaskCanceledException => ModelAttemptOutcome.Timeout,
        ModelRateLimitedException => ModelAttemptOutcome.RateLimited,
        ClientResultException { Status: 429 } => ModelAttemptOutcome.RateLimited,
        ClientResultException { Status: 408 } => ModelAttemptOutcome.Timeout,
        ClientResultException { Status: >= 500 or 0 } => ModelAttemptOutcome.ServerError,
        AnthropicRateLimitException => ModelAttemptOutcome.RateLimited,
        AnthropicRequestTimeoutException => ModelAttemptOutcome.Timeout,
        Anthropic5xxException or AnthropicIOException => ModelAttemptOutcome.ServerError,
        AnthropicApiException { StatusCode: (System.Net.HttpStatusCode)429 } => ModelAttemptOutcome.RateLimited,
        AnthropicApiException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError } => ModelAttemptOutcome.ServerError,
        HttpRequestException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } => ModelAttemptOutcome.RateLimited,
        HttpRequestException { StatusCode: null or >= System.Net.HttpStatusCode.InternalServerError } => ModelAttemptOutcome.ServerError,
        _ => ModelAttemptOutcome.Error,
    };

    private static ChatOptions Options(ModelCandidate candidate, ModelCallRequest request) => new()
    {
        ModelId = candidate.ProviderModel,
        MaxOutputTokens = request.MaxOutputTokens,
        Temperature = request.Temperature,
        ResponseFormat = request.JsonOutput ? ChatResponseFormat.Json : null,
        AdditionalProperties = new AdditionalPropertiesDictionary
        {
            [ModelCallProperties.SkillId] = request.SkillId,
            [ModelCallProperties.InputKey] = request.InputKey,
            [ModelCallProperties.ModelId] = candidate.Model,
            [ModelCallProperties.CacheScope] = request.CacheScope,
        },
        Tools = request.Tools is { } tools ? [.. tools.Tools.Values.Select(t => (AITool)t.Function)] : null,
        AllowMultipleToolCalls = request.Tools is null ? null : true,
    };

    // Tokens and cost count every turn of every attempt (a tool conversation that failed over to the next candidate was paid for).
    private static ModelCallResult Priced(CallState call, ModelCandidate candidate, ChatResponse response, List<ModelTurn> turns)
    {
        IReadOnlyList<ModelTurn> all = [.. call.Turns, .. turns];
        var recorded = turns.Count > 0 && turns.All(t => t.Recorded);
        var model = turns.Count > 0 ? turns[^1].Model : candidate.Model;
        var failed = call.Attempts.Count - 1;
        var reason = failed == 0 ? candidate.Reason
            : $"{candidate.Reason} (after {failed} attempt(s) that did not answer: {string.Join(", ", call.Attempts.Take(failed).Select(a => $"{a.Model} {ModelAttempts.ToWire(a.Outcome)}"))})";
        return new ModelCallResult(response, model, candidate.Provider, recorded, turns.Count > 0 && turns.All(t => t.Cached),
            all.Sum(t => t.InputTokens), all.Sum(t => t.OutputTokens), all.Sum(t => t.CostUsd), reason, call.Attempts)
        {
            Turns = all,
            ToolCalls = call.Request.Tools?.Records ?? [],
        };
    }

    private void Reward(CallState call, ModelCandidate candidate, bool answered, decimal costUsd, long inputTokens, long outputTokens, long elapsedMs)
    {
        if (call.Plan.BanditTier is not { } tier || candidate.Tier != tier || candidate.Provider == ProviderDefinition.RecordedName)
        {
            return;
        }

        var tierMax = _pool.Models.Values.Where(m => m.Tier == tier).Max(m => m.Price.Cost(inputTokens, outputTokens));
        _bandit.Record(candidate.Model, Ucb1Bandit.Reward(answered, costUsd, tierMax, elapsedMs, _options.Routing.BanditLatencyReference.TotalMilliseconds));
    }

    private sealed class CallState(ModelPlan plan, ModelCallRequest request, int promptTokens)
    {
        public ModelPlan Plan { get; } = plan;

        public ModelCallRequest Request { get; } = request;

        public int PromptTokens { get; } = promptTokens;

        public List<ModelAttempt> Attempts { get; } = [];

        public List<ModelTurn> Turns { get; } = [];

        public int Next { get; set; }
    }
}
