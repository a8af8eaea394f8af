using System.Text.Json;
using AgentFunctions.Core.Auth;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Functions.Auth;
using AgentFunctions.Core.Orchestration.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AgentFunctions.Functions.Http;

/// <summary>The run endpoints: start a run, read it and its events, approve, cancel, compare.</summary>
/// <param name="runs">The run service.</param>
public sealed class RunsFunctions(RunService runs)
{
    /// <summary><c>POST /api/runs</c>: starts a run (<c>{"graph"|"graphYaml", "inputs", "runId"}</c>) → 202 with the run id.</summary>
    /// <param name="request">The request.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>202, or a problem (400 invalid JSON or graph or inputs or a graph over a size limit, 403 a graph outside the key's domains or a reader key, 404 unknown graph,
    /// 413 inputs over Limits:MaxInputBytes or a body over Limits:MaxRequestBodyBytes, 429 a domain at its concurrent-run cap).</returns>
    [Function("CreateRun")]
    public async Task<IResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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

        return await runs.CreateAsync(body, "http", client, request.Caller(), cancellationToken) switch
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
            RunInputTooLarge big => RunLimitProblems.InputTooLarge(big),
            DomainRunCapReached full => RunLimitProblems.CapReached(request, full),
            RunForbidden forbidden => Access.Check(request, ApiRole.Runner, forbidden.Domains, $"running graph '{forbidden.Graph}'")!,
            RunRequestInvalid invalid => Problems.Result(400, "invalid-run-request", invalid.Title,
                string.Join("\n", invalid.Errors.Select(e => e.ToString())), invalid.Errors),
            _ => throw new InvalidOperationException("Unknown run outcome."),
        };
    }

    /// <summary><c>GET /api/runs/{runId}</c>: the run with every node, its summary, budget and pending approvals.</summary>
    /// <param name="request">The request.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the run, 403 outside the key's domains, or 404.</returns>
    [Function("GetRun")]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{runId}")] HttpRequest request, string runId, CancellationToken cancellationToken) =>
        await runs.GetAsync(runId, cancellationToken) is { } view
            ? Access.Check(request, ApiRole.Reader, view.Domains ?? [], $"run '{runId}'") ?? Results.Ok(view)
            : RunNotFound(runId);

    /// <summary><c>GET /api/runs/{runId}/events?after={seq}&amp;limit=</c>: events in order, resumable from a cursor.</summary>
    /// <param name="request">The request (<c>after</c>, <c>limit</c> in the query).</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with a page of events, 403 outside the key's domains, or 404.</returns>
    [Function("GetRunEvents")]
    public async Task<IResult> GetEventsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{runId}/events")] HttpRequest request, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await DenyAsync(request, runId, ApiRole.Reader, cancellationToken) is { } denied)
        {
            return denied;
        }

        var after = long.TryParse(request.Query["after"], System.Globalization.CultureInfo.InvariantCulture, out var a) ? a : 0;
        var limit = int.TryParse(request.Query["limit"], System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : 200;
        return await runs.GetEventsAsync(runId, after, limit, cancellationToken) is { } page ? Results.Ok(page) : RunNotFound(runId);
    }

    /// <summary><c>POST /api/runs/{runId}/approvals</c>: approves or rejects a node waiting for approval.</summary>
    /// <param name="request">The request (<c>{"approved", "node", "by", "comment"}</c>).</param>
    /// <param name="runId">The run.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>202, 400 without <c>approved</c>, 404, or 409 when nothing waits.</returns>
    [Function("DecideApproval")]
    public async Task<IResult> ApproveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{runId}/approvals")] HttpRequest request, string runId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await DenyAsync(request, runId, ApiRole.Runner, cancellationToken) is { } denied)
        {
            return denied;
        }

        var (body, problem) = await Bodies.ReadAsync<ApprovalRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body?.Approved is not { } approved)
        {
            return Problems.Result(400, "invalid-approval", "The approval is invalid.", "Send {\"approved\": true|false, \"node\": \"<id, optional>\", \"by\": \"…\", \"comment\": \"…\"}; 'approved' is required.");
        }

        return await runs.DecideApprovalAsync(runId, body.Node, approved, body.By, body.Comment, client, cancellationToken) switch
        {
            ApprovalAccepted a => Results.Accepted($"/api/runs/{a.RunId}", new { runId = a.RunId, node = a.NodeId, approved = a.Approved }),
            ApprovalRunNotFound => RunNotFound(runId),
            ApprovalNotPending p => Problems.Result(409, "no-pending-approval", "Nothing to approve.", p.Reason),
            _ => throw new InvalidOperationException("Unknown approval outcome."),
        };
    }

    /// <summary><c>POST /api/runs/{runId}/cancel</c>: cancels a run (<c>{"by", "reason"}</c>, optional).</summary>
    /// <param name="request">The request.</param>
    /// <param name="runId">The run.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>202 cancelling, 200 when already cancelled, 404, or 409 when it ended otherwise.</returns>
    [Function("CancelRun")]
    public async Task<IResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{runId}/cancel")] HttpRequest request, string runId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await DenyAsync(request, runId, ApiRole.Runner, cancellationToken) is { } denied)
        {
            return denied;
        }

        var (body, problem) = await Bodies.ReadAsync<CancelRequest>(request, cancellationToken);
        return problem ?? await runs.CancelAsync(runId, body?.By, body?.Reason, client, cancellationToken) switch
        {
            null => RunNotFound(runId),
            RunStatus.Cancelled => Results.Ok(new { runId, status = "cancelled", message = "The run was already cancelled." }),
            { } ended when ended.IsTerminal() => Problems.Result(409, "run-ended", "The run has already ended.", $"Run '{runId}' is {ended.ToWire()}; only a pending or running run can be cancelled."),
            _ => Results.Accepted($"/api/runs/{runId}", new { runId, status = "cancelling", links = new { self = $"/api/runs/{runId}" } }),
        };
    }

    /// <summary><c>GET /api/runs/{runA}/compare/{runB}</c>: node-by-node differences of two runs.</summary>
    /// <param name="request">The request.</param>
    /// <param name="runA">The first run.</param>
    /// <param name="runB">The second run.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the comparison, or 404 naming the missing run.</returns>
    [Function("CompareRuns")]
    public async Task<IResult> CompareAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{runA}/compare/{runB}")] HttpRequest request, string runA, string runB, CancellationToken cancellationToken)
    {
        foreach (var runId in new[] { runA, runB })
        {
            if (await DenyAsync(request, runId, ApiRole.Reader, cancellationToken) is { } denied)
            {
                return denied;
            }
        }

        return await runs.CompareAsync(runA, runB, cancellationToken) switch
        {
            ({ } comparison, _) => Results.Ok(comparison),
            (_, var missing) => RunNotFound(missing!),
        };
    }

    /// <summary>404 when the run does not exist, 403 when the caller may not act on it with <paramref name="role"/>, else null.</summary>
    /// <param name="request">The authenticated request.</param>
    /// <param name="runs">The run service.</param>
    /// <param name="runId">The run.</param>
    /// <param name="role">The role the action needs.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The problem, or null when allowed.</returns>
    internal static async Task<IResult?> DenyAsync(HttpRequest request, RunService runs, string runId, ApiRole role, CancellationToken cancellationToken) =>
        await runs.GetDomainsAsync(runId, cancellationToken) is { } domains
            ? Access.Check(request, role, domains, $"run '{runId}'")
            : RunNotFound(runId);

    private Task<IResult?> DenyAsync(HttpRequest request, string runId, ApiRole role, CancellationToken cancellationToken) =>
        DenyAsync(request, runs, runId, role, cancellationToken);

    internal static IResult RunNotFound(string runId) => Problems.Result(404, "run-not-found", "Run not found.", $"No run with id '{runId}'.");

    /// <summary>The body of <c>POST /api/runs/{id}/approvals</c>.</summary>
    internal sealed record ApprovalRequest(bool? Approved, string? Node, string? By, string? Comment);
}
