using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary>Says how a followed run ended — the summary, the failed nodes and their errors, what waits for approval and how
/// to approve it — and gives the exit code of <see cref="ExitCodes.ForRunStatus"/>.</summary>
public static class RunOutcome
{
    /// <summary>Writes the outcome (or, with <c>--json</c>, the run document) and returns the exit code.</summary>
    /// <param name="context">The CLI context.</param>
    /// <param name="run">The last run document.</param>
    /// <param name="timeout">The timeout the wait had, for the message when it ran out.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> ReportAsync(CliContext context, JsonObject run, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        var status = run["status"]?.ToString();
        var exit = ExitCodes.ForRunStatus(status);
        if (context.Json)
        {
            await CliContext.WriteJsonAsync(run);
            return exit;
        }

        var output = context.Out;
        var runId = run["runId"]?.ToString();
        await output.WriteLineAsync($"run {runId}: {status}, cost ${run["costUsd"]}");
        if (run["summary"]?.ToString() is { Length: > 0 } summary)
        {
            await output.WriteLineAsync($"  {summary}");
        }

        switch (exit)
        {
            case ExitCodes.Failed:
                await CliContext.Error.WriteLineAsync($"agentfn: run {runId} failed: {run["error"]}");
                foreach (var node in Nodes(run).Where(n => n["status"]?.ToString() == "failed"))
                {
                    await CliContext.Error.WriteLineAsync($"  node {node["id"]} failed: {node["error"]}");
                }

                break;
            case ExitCodes.AwaitingApproval:
                foreach (var pending in (run["pendingApprovals"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    await output.WriteLineAsync($"  node {pending["node"]} waits for approval: {pending["reason"]}");
                    await output.WriteLineAsync($"    approve: agentfn approve {runId} --node {pending["node"]}    reject: agentfn approve {runId} --node {pending["node"]} --reject --comment \"…\"");
                }

                break;
            case ExitCodes.TimedOut:
                await CliContext.Error.WriteLineAsync($"agentfn: run {runId} is still {status} after {timeout.TotalSeconds:0} s; follow it with: agentfn status {runId}");
                break;
        }

        return exit;
    }

    /// <summary>Gets the node objects of a run document.</summary>
    /// <param name="run">The run document.</param>
    /// <returns>The nodes.</returns>
    public static IEnumerable<JsonObject> Nodes(JsonObject run) =>
        (run?["nodes"] as JsonArray ?? []).OfType<JsonObject>();
}
