using AgentFunctions.Core.Messaging;
using AgentFunctions.Core.Orchestration.Messages;
using Microsoft.DurableTask.Client;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// Starts runs that other services put on the <c>run-requests</c> queue: the same JSON as the <c>POST /api/runs</c> body.
/// Without a <c>runId</c>, the queue message id names the run, so a redelivered message starts one run only. A request that
/// can never be accepted (malformed JSON, unknown graph, invalid graph or inputs) is dead-lettered with the errors as reason.
/// </summary>
/// <param name="runs">Starts the runs.</param>
public sealed class RunRequestQueueHandler(RunService runs)
{
    /// <summary>Handles one run request.</summary>
    /// <param name="message">The message.</param>
    /// <param name="text">Its (unwrapped) text.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="cancellationToken">Cancels handling.</param>
    /// <returns>The accepted run.</returns>
    /// <exception cref="MalformedMessageException">The request can never be accepted; the reason lists why.</exception>
    public async Task<RunAccepted> HandleAsync(InboundMessage message, string text, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = MessageCodec.ReadRunRequest(text);
        var derivedId = "q-" + new string([.. message.MessageId.Where(char.IsAsciiLetterOrDigit)]);
        request = request with { RunId = request.RunId ?? (derivedId.Length > 64 ? derivedId[..64] : derivedId) };
        return await runs.CreateAsync(request, "queue", client, caller: null, cancellationToken) switch
        {
            RunAccepted accepted => accepted,
            GraphNotFound nf => throw new MalformedMessageException($"Graph '{nf.Graph}' does not exist (known: {string.Join(", ", nf.Known)})."),
            RunRequestInvalid invalid => throw new MalformedMessageException($"{invalid.Title} {string.Join("; ", invalid.Errors.Select(e => e.ToString()))}"),
            RunInputTooLarge big => throw new MalformedMessageException($"The inputs are {big.Bytes:N0} bytes; the limit is {big.Limit:N0} bytes (Limits:MaxInputBytes)."),
            // Retried: the message comes back after its visibility timeout, and after maxDequeueCount attempts it is dead-lettered.
            DomainRunCapReached full => throw new InvalidOperationException(
                $"Domain '{full.Domain}' already runs {full.Cap} run(s), its limits.max_concurrent_runs; the request is retried later."),
            _ => throw new MalformedMessageException("The run request was not accepted."),
        };
    }
}
