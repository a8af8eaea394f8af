using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AgentFunctions.Functions.Http;

/// <summary>The replay endpoint: a new run of an ended run's graph from a node, copying what is upstream.</summary>
/// <param name="runs">The run service.</param>
public sealed class ReplayFunctions(RunService runs)
{
    /// <summary><c>POST /api/runs/{runId}/replay</c> (<c>{"fromNode", "mode": "recorded"|"live", "inputs"}</c>) → 202 with the new run.</summary>
    /// <param name="request">The request.</param>
    /// <param name="runId">The parent run.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>202, 400 naming the field, 403 outside the key's domains or for a reader key, 404, or 409 while the parent runs.</returns>
    [Function("ReplayRun")]
    public async Task<IResult> ReplayAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{runId}/replay")] HttpRequest request, string runId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await RunsFunctions.DenyAsync(request, runs, runId, Core.Auth.ApiRole.Runner, cancellationToken) is { } denied)
        {
            return denied;
        }

        var (body, problem) = await Bodies.ReadAsync<ReplayBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await runs.ReplayAsync(runId, body?.FromNode, body?.Mode, body?.Inputs, client, cancellationToken) switch
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
            ReplayParentNotFound => RunsFunctions.RunNotFound(runId),
            ReplayRejected rejected => Problems.Result(rejected.Status, rejected.Status == 409 ? "run-not-ended" : "invalid-replay",
                "The replay request cannot be served.", rejected.Message,
                [new Core.Graphs.GraphError("invalid_request", rejected.Message, null, null, null, rejected.Field)]),
            _ => throw new InvalidOperationException("Unknown replay outcome."),
        };
    }

    /// <summary>The body of <c>POST /api/runs/{id}/replay</c>.</summary>
    internal sealed record ReplayBody(string? FromNode, string? Mode, JsonObject? Inputs);
}
