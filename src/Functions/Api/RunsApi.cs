using System.Text.Json;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;

namespace AgentFunctions.Functions.Api;

/// <summary>Maps the run endpoints: start a run, read it, read its events.</summary>
internal static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/runs", CreateAsync);
        app.MapGet("/api/runs/{runId}", GetAsync);
        app.MapGet("/api/runs/{runId}/events", GetEventsAsync);
        app.MapPost("/api/runs/{runId}/approvals", ApproveAsync);
        app.MapPost("/api/runs/{runId}/cancel", CancelAsync);
        app.MapPost("/api/runs/{runId}/replay", ReplayAsync);
        app.MapGet("/api/runs/{runA}/compare/{runB}", CompareAsync);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, RunService runs, CancellationToken cancellationToken)
    {
        RunRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<RunRequest>(request.Body, MessageCodec.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problems.Result(400, "invalid-json", "The request body is not valid JSON.", ex.Message);
        }

        if (body is null)
        {
            return Problems.Result(400, "invalid-json", "The request body is empty.", "Send {\"graph\": \"<name>\", \"inputs\": {…}}.");
        }

        return await runs.CreateAsync(body, "http", cancellationToken) switch
        {
            RunAccepted accepted => Results.Accepted($"/api/runs/{accepted.RunId}", new
            {
                runId = accepted.RunId,
                status = accepted.Status,
                created = accepted.Created,
                links = new { self = $"/api/runs/{accepted.RunId}", events = $"/api/runs/{accepted.RunId}/events" },
            }),
            GraphNotFound notFound => Problems.Result(404, "graph-not-found", "Graph not found.",
                $"No graph named '{notFound.Graph}'. Known graphs: {string.Join(", ", notFound.Known)}."),
            RunRequestInvalid invalid => Problems.Result(400, "invalid-run-request", invalid.Title,
                string.Join("\n", invalid.Errors.Select(e => e.ToString())), invalid.Errors),
            _ => throw new InvalidOperationException("Unknown run outcome."),
        };
    }

    private static async Task<IResult> ApproveAsync(string runId, ApprovalRequest? body, RunService runs, CancellationToken cancellationToken)
    {
        if (body?.Approved is not { } approved)
        {
            return Problems.Result(400, "invalid-approval", "The approval is invalid.", "Send {\"approved\": true|false, \"node\": \"<id, optional>\", \"by\": \"…\", \"comment\": \"…\"}; 'approved' is required.");
        }

        return await runs.DecideApprovalAsync(runId, body.Node, approved, body.By, body.Comment, cancellationToken) switch
        {
            ApprovalAccepted a => Results.Accepted($"/api/runs/{a.RunId}", new { runId = a.RunId, node = a.NodeId, approved = a.Approved }),
            ApprovalRunNotFound => Problems.Result(404, "run-not-found", "Run not found.", $"No run with id '{runId}'."),
            ApprovalNotPending p => Problems.Result(409, "no-pending-approval", "Nothing to approve.", p.Reason),
            _ => throw new InvalidOperationException("Unknown approval outcome."),
        };
    }

    private static async Task<IResult> CancelAsync(string runId, CancelBody? body, RunService runs, CancellationToken cancellationToken) =>
        await runs.CancelAsync(runId, body?.By, body?.Reason, cancellationToken) switch
        {
            null => Problems.Result(404, "run-not-found", "Run not found.", $"No run with id '{runId}'."),
            RunStatus.Cancelled => Results.Ok(new { runId, status = "cancelled", message = "The run was already cancelled." }),
            { } ended when ended.IsTerminal() => Problems.Result(409, "run-ended", "The run has already ended.", $"Run '{runId}' is {ended.ToWire()}; only a pending or running run can be cancelled."),
            _ => Results.Accepted($"/api/runs/{runId}", new { runId, status = "cancelling", links = new { self = $"/api/runs/{runId}" } }),
        };

    private static async Task<IResult> ReplayAsync(string runId, HttpRequest request, RunService runs, CancellationToken cancellationToken)
    {
        ReplayBody? body;
        try
        {
            body = request.ContentLength is 0 ? null : await JsonSerializer.DeserializeAsync<ReplayBody>(request.Body, MessageCodec.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problems.Result(400, "invalid-json", "The request body is not valid JSON.", ex.Message);
        }

        return await runs.ReplayAsync(runId, body?.FromNode, body?.Mode, body?.Inputs, cancellationToken) switch
        {
            ReplayStarted started => Results.Accepted($"/api/runs/{started.RunId}", new
            {
                runId = started.RunId,
                status = RunStatus.Pending.ToWire(),
                replay = started.Replay,
                links = new
                {
                    self = $"/api/runs/{started.RunId}",
                    events = $"/api/runs/{started.RunId}/events",
                    parent = $"/api/runs/{runId}",
                    compare = $"/api/runs/{runId}/compare/{started.RunId}",
                },
            }),
            ReplayParentNotFound => Problems.Result(404, "run-not-found", "Run not found.", $"No run with id '{runId}'."),
            ReplayRejected rejected => Problems.Result(rejected.Status, rejected.Status == 409 ? "run-not-ended" : "invalid-replay",
                "The replay request cannot be served.", rejected.Message,
                [new Core.Graphs.GraphError("invalid_request", rejected.Message, null, null, null, rejected.Field)]),
            _ => throw new InvalidOperationException("Unknown replay outcome."),
        };
    }

    private static async Task<IResult> CompareAsync(string runA, string runB, RunService runs, CancellationToken cancellationToken) =>
        await runs.CompareAsync(runA, runB, cancellationToken) switch
        {
            ({ } comparison, _) => Results.Ok(comparison),
            (_, var missing) => Problems.Result(404, "run-not-found", "Run not found.", $"No run with id '{missing}'."),
        };

    private static async Task<IResult> GetAsync(string runId, RunService runs, CancellationToken cancellationToken) =>
        await runs.GetAsync(runId, cancellationToken) is { } view
            ? Results.Ok(view)
            : Problems.Result(404, "run-not-found", "Run not found.", $"No run with id '{runId}'.");

    private static async Task<IResult> GetEventsAsync(string runId, long? after, int? limit, RunService runs, CancellationToken cancellationToken) =>
        await runs.GetEventsAsync(runId, after ?? 0, limit ?? 200, cancellationToken) is { } page
            ? Results.Ok(page)
            : Problems.Result(404, "run-not-found", "Run not found.", $"No run with id '{runId}'.");

    /// <summary>The body of <c>POST /api/runs/{id}/approvals</c>.</summary>
    internal sealed record ApprovalRequest(bool? Approved, string? Node, string? By, string? Comment);

    /// <summary>The body of <c>POST /api/runs/{id}/replay</c>.</summary>
    internal sealed record ReplayBody(string? FromNode, string? Mode, System.Text.Json.Nodes.JsonObject? Inputs);

    /// <summary>The body of <c>POST /api/runs/{id}/cancel</c> (optional).</summary>
    internal sealed record CancelBody(string? By, string? Reason);
}
