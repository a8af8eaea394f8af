using System.CommandLine;
using AgentFunctions.Cli.Demo;
using AgentFunctions.Cli.Local;
using Spectre.Console;

namespace AgentFunctions.Cli.Commands.Local;

/// <summary>The commands that start their own Azurite and app or read storage directly: <c>demo</c> and <c>taskhub</c>.</summary>
public static class DemoCommands
{
    /// <summary>Creates <c>agentfn demo</c>.</summary>
    /// <returns>The command.</returns>
    public static Command Demo()
    {
        var graph = new Option<string>("--graph") { Description = "Graph to run.", DefaultValueFactory = _ => "git-to-prod" };
        var delay = new Option<double>("--replay-delay") { Description = "Seconds each recorded model response waits, to make the fan-out visible.", DefaultValueFactory = _ => 1.0 };
        var configuration = new Option<string>("--configuration", "-c") { Description = "Build configuration of the app to start.", DefaultValueFactory = _ => RepositoryLayout.CurrentConfiguration() };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the run to end.", DefaultValueFactory = _ => 300 };
        var loop = new Option<bool>("--loop") { Description = "Show the learning loop instead: execute a skill, correct it, see the rule and test appear, the rule in the next prompt, and validation activate it." };
        var keep = new Option<bool>("--keep-running") { Description = "Keep Azurite and the app running afterwards and print the dashboard's address, the API key and CLI commands; Ctrl+C stops both." };
        var demo = new Command("demo", "Start Azurite and the app, run the git-to-prod graph end to end, print the result, stop everything.")
        {
            graph, delay, configuration, timeout, loop, keep,
        };
        demo.SetAction((parse, cancellationToken) =>
        {
            // On a terminal the run's per-node progress is a live table and every line goes through the same console, above it.
            var terminal = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb" ? AnsiConsole.Console : null;
            var output = terminal is null ? Console.Out : new AnsiTextWriter(terminal);
            return new DemoCommand(output, terminal).RunAsync(
                new DemoOptions(parse.GetValue(graph)!, TimeSpan.FromSeconds(parse.GetValue(delay)), parse.GetValue(configuration)!, TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(loop), parse.GetValue(keep)),
                cancellationToken);
        });
        return demo;
    }

    /// <summary>Creates <c>agentfn taskhub RUN_ID</c>.</summary>
    /// <returns>The command.</returns>
    public static Command TaskHub()
    {
        var runId = new Argument<string>("run-id") { Description = "The run (its orchestration instance id)." };
        var connection = new Option<string>("--connection") { Description = "Storage connection string (default: the AzureWebJobsStorage environment variable).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? "UseDevelopmentStorage=true" };
        var hub = new Option<string>("--hub") { Description = "Task hub name (host.json extensions.durableTask.hubName).", DefaultValueFactory = _ => DemoCommand.TaskHub };
        var taskhub = new Command("taskhub", "Show what the Durable Task Framework's Azure Storage backend keeps of a run: its Instances row and its History rows by event type.")
        {
            runId, connection, hub,
        };
        taskhub.SetAction(async (parse, cancellationToken) =>
        {
            Console.WriteLine(await new TaskHubPeek(parse.GetValue(connection)!, parse.GetValue(hub)!).DescribeAsync(parse.GetValue(runId)!, cancellationToken));
            return 0;
        });
        return taskhub;
    }
}
