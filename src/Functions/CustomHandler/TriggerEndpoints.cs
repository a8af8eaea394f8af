using AgentFunctions.Core.Hosting;

namespace AgentFunctions.Functions.CustomHandler;

/// <summary>
/// Endpoints the Functions host calls for the queue-triggered functions (<c>POST /{functionName}</c>). Each runs the same
/// <see cref="QueueHandlers"/> as the standalone poller and answers <c>{Outputs, Logs, ReturnValue}</c>: 200 when the
/// message is handled or dead-lettered with its reason, 500 when it should be retried (the host then redelivers it, and
/// moves it to its poison queue after <c>maxDequeueCount</c>).
/// </summary>
internal static class TriggerEndpoints
{
    /// <summary>Binding name of the queue trigger in every queue function.json.</summary>
    public const string Binding = "message";

    public static IEndpointRouteBuilder MapCustomHandlerTriggers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/Orchestrator", (InvocationRequest request, QueueHandlers handlers, CancellationToken ct) =>
            HandleAsync(request, async m => (await handlers.HandleOrchestratorAsync([m], ct))[0]));
        app.MapPost("/WorkItems", (InvocationRequest request, QueueHandlers handlers, CancellationToken ct) =>
            HandleAsync(request, m => handlers.HandleWorkItemAsync(m, ct)));
        app.MapPost("/RunRequests", (InvocationRequest request, QueueHandlers handlers, CancellationToken ct) =>
            HandleAsync(request, m => handlers.HandleRunRequestAsync(m, ct)));
        app.MapPost("/Corrections", (InvocationRequest request, QueueHandlers handlers, CancellationToken ct) =>
            HandleAsync(request, m => handlers.HandleCorrectionAsync(m, ct)));
        app.MapPost("/Validations", (InvocationRequest request, QueueHandlers handlers, CancellationToken ct) =>
            HandleAsync(request, m => handlers.HandleValidationAsync(m, ct)));
        return app;
    }

    private static async Task<IResult> HandleAsync(InvocationRequest request, Func<InboundMessage, Task<MessageOutcome>> handle)
    {
        var text = request.Text(Binding);
        var message = new InboundMessage(request.MetadataString("Id") ?? Guid.NewGuid().ToString(), text ?? string.Empty, request.MetadataNumber("DequeueCount", 1));
        var outcome = await handle(message);
        var log = outcome.Disposition switch
        {
            MessageDisposition.Completed => $"Handled message {message.MessageId}.",
            MessageDisposition.DeadLettered => $"Dead-lettered message {message.MessageId}: {outcome.Error}",
            _ => $"Message {message.MessageId} failed and will be retried: {outcome.Error}",
        };
        var body = new { Outputs = new Dictionary<string, object>(), Logs = new[] { log }, ReturnValue = (object?)null };
        return outcome.Disposition == MessageDisposition.Retry ? Results.Json(body, statusCode: 500) : Results.Json(body);
    }
}
