using System.CommandLine;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Progress;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary><c>agentfn run GRAPH</c>: starts a run (<c>POST /api/runs</c>) and, with <c>--wait</c>, shows per-node progress
/// until it ends; the exit code says how it ended.</summary>
public static class RunCommand
{
    /// <summary>Gets <c>--input key=value</c> / <c>key:=JSON</c>, repeatable.</summary>
    public static Option<string[]> Input { get; } = new("--input", "-i")
    {
        Description = "An input: key=value (a string) or key:=JSON (a number, true, an object …). Repeatable; wins over --input-json.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Gets <c>--input-json FILE|-</c>.</summary>
    public static Option<string?> InputJson { get; } = new("--input-json") { Description = "A JSON object of inputs, from a file or - for stdin." };

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var graph = new Argument<string>("graph") { Description = "A graph name of the app's catalog (git-to-prod), or a path to a .yaml file sent as graphYaml." };
        var runId = new Option<string?>("--run-id") { Description = "The run id to use (submitting the same id twice starts one run)." };
        var wait = new Option<bool>("--wait", "-w") { Description = "Wait for the run to end, showing each node's progress; the exit code says how it ended." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait with --wait (exit 4 when it runs out).", DefaultValueFactory = _ => 600 };
        var throughApprovals = new Option<bool>("--wait-approval") { Description = "With --wait, keep waiting while the run waits for approval (instead of exit 3)." };
        var command = new Command("run", "Start a run of a graph; with --wait, show per-node progress until it ends.")
        {
            graph, Input, InputJson, runId, wait, timeout, throughApprovals,
        };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var body = Body(parse.GetValue(graph)!, RunInputs.Parse(parse.GetValue(Input), parse.GetValue(InputJson), Console.In), parse.GetValue(runId));
            var accepted = (await context.Api.PostAsync("api/runs", body, cancellationToken)).AsObject();
            var id = accepted["runId"]!.ToString();
            if (!parse.GetValue(wait))
            {
                if (context.Json)
                {
                    await CliContext.WriteJsonAsync(accepted);
                }
                else
                {
                    await context.Out.WriteLineAsync($"run {id} is {accepted["status"]}");
                    await context.Out.WriteLineAsync($"  follow it: agentfn status {id}   agentfn events {id} --follow");
                }

                return ExitCodes.Success;
            }

            return await WaitAsync(context, id, TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(throughApprovals), cancellationToken);
        }));
        return command;
    }

    /// <summary>Follows a run with the progress display and reports how it ended.</summary>
    /// <param name="context">The CLI context.</param>
    /// <param name="runId">The run.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="throughApprovals">True to keep waiting while the run waits for approval.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The exit code of <see cref="ExitCodes.ForRunStatus"/>.</returns>
    public static async Task<int> WaitAsync(CliContext context, string runId, TimeSpan timeout, bool throughApprovals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var follower = new RunFollower(context.Api);
        var run = context.Json
            ? await follower.FollowAsync(runId, new SilentProgress(), timeout, throughApprovals, cancellationToken)
            : await RunProgressDisplay.RunAsync(context.IsTerminal ? context.Ansi : null, context.Out,
                progress => follower.FollowAsync(runId, progress, timeout, throughApprovals, cancellationToken));
        return await RunOutcome.ReportAsync(context, run, timeout);
    }

    private static JsonObject Body(string graph, JsonObject? inputs, string? runId)
    {
        var body = new JsonObject();
        if ((graph.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || graph.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) && File.Exists(graph))
        {
            body["graphYaml"] = File.ReadAllText(graph);
        }
        else
        {
            body["graph"] = graph;
        }

        if (inputs is not null)
        {
            body["inputs"] = inputs;
        }

        if (runId is not null)
        {
            body["runId"] = runId;
        }

        return body;
    }

    private sealed class SilentProgress : IRunProgress
    {
        public Task ShowAsync(JsonObject run) => Task.CompletedTask;
    }
}
