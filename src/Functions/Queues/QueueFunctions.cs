using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Messages;
using AgentFunctions.Core.Messaging;
using AgentFunctions.Core.Orchestration;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Functions.Queues;

/// <summary>
/// The queue-triggered functions: runs other services request, corrections to learn from, validations to run. Each hands
/// the message to <see cref="QueueMessageHandler"/>, which dead-letters what can never succeed (with the reason) and
/// rethrows a transient failure so the message is delivered again. Queue names are app settings (defaults in
/// <c>local.settings.sample.json</c>).
/// </summary>
/// <param name="handler">Parses, runs, dead-letters.</param>
/// <param name="runRequests">Starts requested runs.</param>
/// <param name="learning">Processes corrections and validations.</param>
/// <param name="orchestration">Names the run-requests queue (the same setting as the trigger's).</param>
/// <param name="learningOptions">Names the corrections and validations queues.</param>
public sealed class QueueFunctions(
    QueueMessageHandler handler,
    RunRequestQueueHandler runRequests,
    LearningQueueHandlers learning,
    IOptions<OrchestrationOptions> orchestration,
    IOptions<LearningOptions> learningOptions)
{
    /// <summary>The setting naming the run-requests queue.</summary>
    public const string RunRequestsQueue = "%Orchestration:RunRequestQueue%";

    /// <summary>The setting naming the corrections queue.</summary>
    public const string CorrectionsQueue = "%Learning:CorrectionsQueue%";

    /// <summary>The setting naming the validations queue.</summary>
    public const string ValidationsQueue = "%Learning:ValidationsQueue%";

    /// <summary>Starts a run requested on the <c>run-requests</c> queue (the <c>POST /api/runs</c> body).</summary>
    /// <param name="message">The message.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="cancellationToken">Cancels handling.</param>
    /// <returns>A task that completes when the run is accepted or the message dead-lettered.</returns>
    [Function("RunRequests")]
    public Task RunRequestsAsync([QueueTrigger(RunRequestsQueue)] QueueMessage message, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var inbound = Inbound(message, orchestration.Value.RunRequestQueue);
        return handler.HandleAsync(inbound, (text, ct) => runRequests.HandleAsync(inbound, text, client, ct), cancellationToken);
    }

    /// <summary>Turns a correction into a reflexion rule and a regression test.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels handling.</param>
    /// <returns>A task that completes when processed or dead-lettered.</returns>
    [Function("Corrections")]
    public Task CorrectionsAsync([QueueTrigger(CorrectionsQueue)] QueueMessage message, CancellationToken cancellationToken) =>
        handler.HandleAsync(Inbound(message, learningOptions.Value.CorrectionsQueue), (text, ct) => learning.HandleCorrectionAsync(text, ct), cancellationToken);

    /// <summary>Runs a skill's regression tests and applies the gate to its rules.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels handling.</param>
    /// <returns>A task that completes when validated or dead-lettered.</returns>
    [Function("Validations")]
    public Task ValidationsAsync([QueueTrigger(ValidationsQueue)] QueueMessage message, CancellationToken cancellationToken) =>
        handler.HandleAsync(Inbound(message, learningOptions.Value.ValidationsQueue), (text, ct) => learning.HandleValidationAsync(text, ct), cancellationToken);

    private static InboundMessage Inbound(QueueMessage message, string queue)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new InboundMessage(queue, message.MessageId, message.Body?.ToString() ?? string.Empty, message.DequeueCount);
    }
}
