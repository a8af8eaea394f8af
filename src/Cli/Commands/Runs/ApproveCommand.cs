using System.CommandLine;
using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary><c>agentfn approve RUN_ID [--node N] [--reject] [--comment C] [--by B]</c>: decides a node waiting for approval
/// (<c>POST /api/runs/{id}/approvals</c>).</summary>
public static class ApproveCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run that waits for approval." };
        var node = new Option<string?>("--node", "-n") { Description = "The node to decide (needed only when several wait)." };
        var reject = new Option<bool>("--reject") { Description = "Reject instead of approve: the node and the run fail, with the comment in the error." };
        var comment = new Option<string?>("--comment", "-m") { Description = "Why (recorded with the decision)." };
        var by = new Option<string?>("--by") { Description = "Who decides (default: the user name).", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("approve", "Approve (or --reject) a node waiting for approval.") { runId, node, reject, comment, by };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var id = parse.GetValue(runId)!;
            var approved = !parse.GetValue(reject);
            var answer = await context.Api.PostAsync($"api/runs/{Uri.EscapeDataString(id)}/approvals",
                new { approved, node = parse.GetValue(node), by = parse.GetValue(by), comment = parse.GetValue(comment) }, cancellationToken);
            if (context.Json)
            {
                await CliContext.WriteJsonAsync(answer);
            }
            else
            {
                await context.Out.WriteLineAsync($"run {id}: {(approved ? "approved" : "rejected")}{(answer["node"] is JsonNode n ? $" node {n}" : string.Empty)}; follow it with: agentfn status {id}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
