using System.CommandLine;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Progress;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary><c>agentfn status RUN_ID</c>: the run's status, summary, error, pending approvals and every node (<c>GET /api/runs/{id}</c>).</summary>
public static class StatusCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run." };
        var command = new Command("status", "Show a run: status, summary, error, pending approvals, and per node status, model, tokens, cost and duration.") { runId };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var run = (await context.Api.GetAsync($"api/runs/{Uri.EscapeDataString(parse.GetValue(runId)!)}", cancellationToken)).AsObject();
            if (context.Json)
            {
                await CliContext.WriteJsonAsync(run);
                return ExitCodes.Success;
            }

            var output = context.Out;
            await output.WriteLineAsync($"run {run["runId"]} ({run["graph"]}): {run["status"]}, cost ${run["costUsd"]}");
            if (run["summary"]?.ToString() is { Length: > 0 } summary)
            {
                await output.WriteLineAsync($"  {summary}");
            }

            if (run["error"]?.ToString() is { Length: > 0 } error)
            {
                await output.WriteLineAsync($"  error: {error}");
            }

            foreach (var pending in (run["pendingApprovals"] as JsonArray ?? []).OfType<JsonObject>())
            {
                await output.WriteLineAsync($"  waits for approval: node {pending["node"]}: {pending["reason"]} (agentfn approve {run["runId"]} --node {pending["node"]})");
            }

            foreach (var node in NodeProgress.Read(run, DateTimeOffset.UtcNow))
            {
                await output.WriteLineAsync(PlainRunProgress.Line(node with { Status = node.Status }));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
