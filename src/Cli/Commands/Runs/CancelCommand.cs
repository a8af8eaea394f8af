using System.CommandLine;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary><c>agentfn cancel RUN_ID [--reason R] [--by B]</c>: cancels a run (<c>POST /api/runs/{id}/cancel</c>).</summary>
public static class CancelCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run to cancel." };
        var reason = new Option<string?>("--reason", "-m") { Description = "Why (shown in the run's error and summary)." };
        var by = new Option<string?>("--by") { Description = "Who cancels (default: the user name).", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("cancel", "Cancel a run: scheduling stops, running nodes are stopped, the run ends cancelled.") { runId, reason, by };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var id = parse.GetValue(runId)!;
            var answer = await context.Api.PostAsync($"api/runs/{Uri.EscapeDataString(id)}/cancel", new { by = parse.GetValue(by), reason = parse.GetValue(reason) }, cancellationToken);
            if (context.Json)
            {
                await CliContext.WriteJsonAsync(answer);
            }
            else
            {
                await context.Out.WriteLineAsync($"run {id}: {answer["status"] ?? "cancelling"}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
