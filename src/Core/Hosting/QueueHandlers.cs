using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Messages;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Hosting;

/// <summary>
/// The queue-triggered functions, independent of who triggers them (the standalone poller or the Functions host):
/// parse, dead-letter what is malformed or has failed too often (with the reason), run the handler, and say what to
/// do with each message. A handler failure on the last allowed delivery dead-letters the message, and for a work item
/// also records the node attempt as failed, so the run never waits forever.
/// </summary>
public sealed partial class QueueHandlers(
    RunStore store,
    RunOrchestrator orchestrator,
    WorkItemProcessor workItems,
    RunService runs,
    LearningQueueHandlers learning,
    IOptions<LearningOptions> learningOptions,
    DeadLetterQueue deadLetters,
    ILogger<QueueHandlers> logger)
{
    /// <summary>Gets the learning queues' names.</summary>
    public LearningOptions LearningQueues => learningOptions.Value;

    /// <summary>Handles one message of the <c>corrections</c> queue: stores (for <c>correction.submit</c>) and processes a correction into a rule and a regression test.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels handling.</param>
    /// <returns>The outcome; an unknown execution or invalid correction is dead-lettered with the reason.</returns>
    public Task<MessageOutcome> HandleCorrectionAsync(InboundMessage message, CancellationToken cancellationToken = default) =>
        HandleSimpleAsync(learningOptions.Value.CorrectionsQueue, message, () => learning.HandleCorrectionAsync(message.Text, cancellationToken), cancellationToken);

    /// <summary>Handles one message of the <c>validations</c> queue: runs a skill's regression tests and applies the gate.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels handling.</param>
    /// <returns>The outcome.</returns>
    public Task<MessageOutcome> HandleValidationAsync(InboundMessage message, CancellationToken cancellationToken = default) =>
        HandleSimpleAsync(learningOptions.Value.ValidationsQueue, message, () => learning.HandleValidationAsync(message.Text, cancellationToken), cancellationToken);

    private async Task<MessageOutcome> HandleSimpleAsync(string queue, InboundMessage message, Func<Task> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.DequeueCount > Options.MaxDequeueCount)
        {
            var reason = $"Delivered {message.DequeueCount} times without completing (limit {Options.MaxDequeueCount}); the process handling it may have crashed each time.";
            await deadLetters.SendAsync(queue, message, reason, cancellationToken);
            return new MessageOutcome(message, MessageDisposition.DeadLettered, reason);
        }

        return await RunGuardedAsync(queue, message, handler, null, cancellationToken);
    }

    private OrchestrationOptions Options => store.Options;

    /// <summary>Handles orchestrator messages: those of one run are applied together in one step.</summary>
    /// <param name="messages">The batch.</param>
    /// <param name="cancellationToken">Cancels handling; unfinished messages are retried.</param>
    /// <returns>One outcome per message.</returns>
    public async Task<IReadOnlyList<MessageOutcome>> HandleOrchestratorAsync(IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcomes = new List<MessageOutcome>();
        var parsed = new List<(InboundMessage Inbound, OrchestratorMessage Message)>();
        foreach (var message in messages)
        {
            var (ok, outcome) = await TryParseAsync(Options.OrchestratorQueue, message, MessageCodec.ReadOrchestrator, cancellationToken);
            if (ok is null)
            {
                outcomes.Add(outcome!);
            }
            else
            {
                parsed.Add((message, ok));
            }
        }

        var groups = parsed.GroupBy(p => p.Message.RunId, StringComparer.Ordinal);
        var results = await Task.WhenAll(groups.Select(g => HandleRunGroupAsync(g.Key, [.. g], cancellationToken)));
        outcomes.AddRange(results.SelectMany(r => r));
        return outcomes;
    }

    /// <summary>Handles one work item.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancelled on shutdown.</param>
    /// <returns>The outcome.</returns>
    public async Task<MessageOutcome> HandleWorkItemAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (item, outcome) = await TryParseAsync(Options.WorkItemQueue, message, MessageCodec.ReadWorkItem, cancellationToken);
        if (item is null)
        {
            return outcome!;
        }

        return await RunGuardedAsync(Options.WorkItemQueue, message, async () => { await workItems.ProcessAsync(item, message.MessageId, cancellationToken); },
            reason => workItems.FailPoisonAsync(item, reason, cancellationToken), cancellationToken);
    }

    /// <summary>Handles one run request from another service; without a <c>runId</c> the queue message id makes redelivery idempotent.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels handling.</param>
    /// <returns>The outcome; an invalid request is dead-lettered with the validation errors as the reason.</returns>
    public async Task<MessageOutcome> HandleRunRequestAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (request, outcome) = await TryParseAsync(Options.RunRequestQueue, message, MessageCodec.ReadRunRequest, cancellationToken);
        if (request is null)
        {
            return outcome!;
        }

        var derivedId = "q-" + new string([.. message.MessageId.Where(char.IsAsciiLetterOrDigit)]);
        request = request with { RunId = request.RunId ?? (derivedId.Length > 64 ? derivedId[..64] : derivedId) };
        CreateRunOutcome? created = null;
        var result = await RunGuardedAsync(Options.RunRequestQueue, message, async () => { created = await runs.CreateAsync(request, "queue", cancellationToken); }, null, cancellationToken);
        if (result.Disposition != MessageDisposition.Completed || created is RunAccepted)
        {
            return result;
        }

        var reason = created switch
        {
            GraphNotFound nf => $"Graph '{nf.Graph}' does not exist (known: {string.Join(", ", nf.Known)}).",
            RunRequestInvalid invalid => $"{invalid.Title} {string.Join("; ", invalid.Errors.Select(e => e.ToString()))}",
            _ => "The run request was not accepted.",
        };
        await deadLetters.SendAsync(Options.RunRequestQueue, message, reason, cancellationToken);
        return new MessageOutcome(message, MessageDisposition.DeadLettered, reason);
    }

    private async Task<IReadOnlyList<MessageOutcome>> HandleRunGroupAsync(string runId, IReadOnlyList<(InboundMessage Inbound, OrchestratorMessage Message)> group, CancellationToken cancellationToken)
    {
        try
        {
            await orchestrator.ProcessAsync(runId, [.. group.Select(g => g.Message)], cancellationToken);
            return [.. group.Select(g => new MessageOutcome(g.Inbound, MessageDisposition.Completed))];
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRunStepFailed(logger, ex, runId, group.Count);
            var outcomes = new List<MessageOutcome>();
            foreach (var (inbound, message) in group)
            {
                outcomes.Add(await FailAsync(Options.OrchestratorQueue, inbound, ex, reason => store.TryFailRunAsync(runId, message.Run, reason, cancellationToken), cancellationToken));
            }

            return outcomes;
        }
    }

    private async Task<(T? Value, MessageOutcome? Outcome)> TryParseAsync<T>(string queue, InboundMessage message, Func<string, T> parse, CancellationToken cancellationToken)
        where T : class
    {
        string reason;
        try
        {
            if (message.DequeueCount > Options.MaxDequeueCount)
            {
                reason = $"Delivered {message.DequeueCount} times without completing (limit {Options.MaxDequeueCount}); the process handling it may have crashed each time.";
                var item = TryParseQuietly(message.Text, parse);
                if (item is WorkItemMessage workItem)
                {
                    await workItems.FailPoisonAsync(workItem, reason, cancellationToken);
                }
            }
            else
            {
                return (parse(await store.Payloads.UnwrapMessageAsync(message.Text, cancellationToken)), null);
            }
        }
        catch (MalformedMessageException ex)
        {
            reason = $"Malformed message: {ex.Message}";
        }

        await deadLetters.SendAsync(queue, message, reason, cancellationToken);
        return (null, new MessageOutcome(message, MessageDisposition.DeadLettered, reason));
    }

    private static T? TryParseQuietly<T>(string text, Func<string, T> parse)
        where T : class
    {
        try
        {
            return parse(text);
        }
        catch (MalformedMessageException)
        {
            return null;
        }
    }

    private async Task<MessageOutcome> RunGuardedAsync(string queue, InboundMessage message, Func<Task> handler, Func<string, Task>? onPoison, CancellationToken cancellationToken)
    {
        try
        {
            await handler();
            return new MessageOutcome(message, MessageDisposition.Completed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return await FailAsync(queue, message, ex, onPoison, cancellationToken);
        }
    }

    private async Task<MessageOutcome> FailAsync(string queue, InboundMessage message, Exception ex, Func<string, Task>? onPoison, CancellationToken cancellationToken)
    {
        if (ex is not MalformedMessageException && message.DequeueCount < Options.MaxDequeueCount)
        {
            LogHandlerFailed(logger, ex, message.MessageId, queue, message.DequeueCount);
            return new MessageOutcome(message, MessageDisposition.Retry, ex.Message);
        }

        var reason = ex is MalformedMessageException
            ? $"Malformed message: {ex.Message}"
            : $"Failed on delivery {message.DequeueCount} of {Options.MaxDequeueCount}: {ex.GetType().Name}: {ex.Message}";
        if (onPoison is not null)
        {
            await onPoison(reason);
        }

        await deadLetters.SendAsync(queue, message, reason, cancellationToken);
        return new MessageOutcome(message, MessageDisposition.DeadLettered, reason);
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Orchestrator step for run {RunId} failed ({Count} message(s)); they will be retried")]
    private static partial void LogRunStepFailed(ILogger logger, Exception exception, string runId, int count);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} failed on delivery {DequeueCount}; it will be retried")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string messageId, string queue, long dequeueCount);
}
