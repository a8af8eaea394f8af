using System.CommandLine;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary><c>agentfn replay RUN_ID --from NODE [--mode recorded|live] [--input …] [--wait]</c>: a new run of an ended run's
/// graph from a node, copying what is upstream (<c>POST /api/runs/{id}/replay</c>).</summary>
public static class ReplayCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The ended run to replay." };
        var from = new Option<string>("--from") { Description = "The node to re-run from (upstream nodes are copied).", Required = true };
        var mode = new Option<string>("--mode") { Description = "recorded: replay the parent's model responses where the request matches; live: call the models again.", DefaultValueFactory = _ => "recorded" };
        mode.AcceptOnlyFromAmong("recorded", "live");
        var wait = new Option<bool>("--wait", "-w") { Description = "Wait for the new run to end, showing its progress." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait with --wait.", DefaultValueFactory = _ => 600 };
        var command = new Command("replay", "Replay an ended run from a node, as a new run linked to it.")
        {
            runId, from, mode, RunCommand.Input, RunCommand.InputJson, wait, timeout,
        };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var parent = parse.GetValue(runId)!;
            var inputs = RunInputs.Parse(parse.GetValue(RunCommand.Input), parse.GetValue(RunCommand.InputJson), Console.In);
            var answer = await context.Api.PostAsync($"api/runs/{Uri.EscapeDataString(parent)}/replay",
                new { fromNode = parse.GetValue(from), mode = parse.GetValue(mode), inputs }, cancellationToken);
            var id = answer["runId"]!.ToString();
            if (parse.GetValue(wait))
            {
                return await RunCommand.WaitAsync(context, id, TimeSpan.FromSeconds(parse.GetValue(timeout)), throughApprovals: false, cancellationToken);
            }

            if (context.Json)
            {
                await CliContext.WriteJsonAsync(answer);
            }
            else
            {
                await context.Out.WriteLineAsync($"run {id} replays {parent} from node {parse.GetValue(from)} ({parse.GetValue(mode)}); copied: {answer["replay"]?["copiedNodes"]?.ToJsonString() ?? "[]"}");
                await context.Out.WriteLineAsync($"  compare: agentfn compare {parent} {id}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
