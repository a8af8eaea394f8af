using System.ClientModel;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Models.Routing;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;
using Polly.Timeout;

namespace AgentFunctions.Core.Models;

/// <content>Calling: attempts in plan order, with limits, the budget gate, timeouts, pricing and the cache.</content>
public sealed partial class ModelRouter
{
    /// <summary>
    /// Calls the plan's candidates in order until one answers. Before every attempt the prompt plus output limit is checked
    /// against the candidate's context window and <see cref="ModelCallRequest.BudgetGate"/> is asked; a candidate refused by either
    /// is not called. An attempt that is rate limited (HTTP 429 or this process's requests-per-minute limit), fails with 5xx or
    /// cannot connect, or exceeds <see cref="ModelRoutingOptions.AttemptTimeout"/> moves to the next candidate; any other error
    /// ends the call. With the response cache on and a <see cref="ModelCallRequest.CacheScope"/>, an identical earlier call of the
    /// same scope is answered from memory.
    /// </summary>
    /// <param name="plan">The plan from <see cref="Plan"/>.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer, the model and provider that gave it, tokens, cost in USD and every attempt.</returns>
    /// <exception cref="ModelCallFailedException">No candidate answered; it carries every attempt.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public async Task<ModelCallResult> CompleteAsync(ModelPlan plan, ModelCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(request);
        var cacheKey = _cache is not null && request.CacheScope is not null ? ResponseCache.KeyOf(plan, request) : null;
        if (cacheKey is not null && _cache!.TryGet(cacheKey, out var hit))
        {
            LogCacheHit(_logger, request.CacheScope!, hit.Model);
            return hit with { Cached = true, CostUsd = 0, Attempts = [], Reason = $"cached response of {hit.Model} (same request in {request.CacheScope})" };
        }

        var call = new CallState(plan, request, request.PromptTokens ?? request.Messages.Sum(m => TokenCounter.Count(m.Text, plan.Primary.ProviderModel)));
        ModelCallResult result;
        try
        {
            result = await _fallback.ExecuteAsync(ct => AttemptAsync(call, ct), cancellationToken);
        }
        catch (ModelAttemptException ex)
        {
            throw new ModelCallFailedException(plan.Requested, call.Attempts, ex.InnerException);
        }

        if (cacheKey is not null)
        {
            _cache!.Add(cacheKey, result);
        }

        return result;
    }

    private async ValueTask<ModelCallResult> AttemptAsync(CallState call, CancellationToken cancellationToken)
    {
        var candidate = call.Plan.Candidates[call.Next++];
        var more = call.Next < call.Plan.Candidates.Count;
        if (call.PromptTokens + call.Request.MaxOutputTokens > candidate.ContextWindowTokens)
        {
            throw Skip(call, candidate, more, ModelAttemptOutcome.ContextExceeded,
                $"{call.PromptTokens} prompt + {call.Request.MaxOutputTokens} output tokens exceed the {candidate.ContextWindowTokens}-token context window of {candidate.Model}");
        }

        var estimate = Estimate(candidate, call.PromptTokens, call.Request.MaxOutputTokens);
        if (call.Request.BudgetGate(candidate, estimate) is { } refusal)
        {
            LogRefused(_logger, candidate.Model, refusal);
            throw Skip(call, candidate, more, ModelAttemptOutcome.RefusedByBudget, refusal);
        }

        var started = _time.GetTimestamp();
        try
        {
            ChatResponse response;
            var definition = _pool.Find(candidate.Model);
            using (candidate.Provider == ProviderDefinition.RecordedName || definition is null ? null : await _limits.AcquireAsync(definition, _options.Routing.RateLimitWait, cancellationToken))
            {
                var client = _clients.Get(candidate.Provider);
                var options = Options(candidate, call.Request);
                response = await _timeout.ExecuteAsync(
                    async ct => await client.GetResponseAsync(call.Request.Messages, options, ct), cancellationToken);
            }

            var elapsed = (long)_time.GetElapsedTime(started).TotalMilliseconds;
            call.Attempts.Add(new ModelAttempt(candidate.Model, candidate.Provider, ModelAttemptOutcome.Answered, null, elapsed));
            var result = Priced(call, candidate, response);
            Reward(call, candidate, true, result.CostUsd, result.InputTokens, result.OutputTokens, elapsed);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not ModelAttemptException)
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
    }

    private static ModelAttemptException Skip(CallState call, ModelCandidate candidate, bool more, ModelAttemptOutcome outcome, string error)
    {
        call.Attempts.Add(new ModelAttempt(candidate.Model, candidate.Provider, outcome, error, 0));
        return new ModelAttemptException(more, error, null);
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
        },
    };

    private ModelCallResult Priced(CallState call, ModelCandidate candidate, ChatResponse response)
    {
        var recorded = response.AdditionalProperties?.TryGetValue(ModelCallProperties.Recorded, out var r) == true && r is true;
        var model = recorded && response.ModelId is { } recordedModel && _pool.Find(recordedModel) is not null ? recordedModel : candidate.Model;
        var price = _pool.Find(model)?.Price ?? candidate.Price;
        var input = response.Usage?.InputTokenCount ?? call.PromptTokens;
        var output = response.Usage?.OutputTokenCount ?? TokenCounter.Count(response.Text, candidate.ProviderModel);
        var failed = call.Attempts.Count - 1;
        var reason = failed == 0 ? candidate.Reason
            : $"{candidate.Reason} (after {failed} attempt(s) that did not answer: {string.Join(", ", call.Attempts.Take(failed).Select(a => $"{a.Model} {ModelAttempts.ToWire(a.Outcome)}"))})";
        return new ModelCallResult(response, model, candidate.Provider, recorded, false, input, output, price.Cost(input, output), reason, call.Attempts);
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

        public int Next { get; set; }
    }
}
