using System.CommandLine;
using AgentFunctions.Cli.Commands;
using AgentFunctions.Cli.Commands.Graphs;
using AgentFunctions.Cli.Commands.Knowledge;
using AgentFunctions.Cli.Commands.Local;
using AgentFunctions.Cli.Commands.Runs;
using AgentFunctions.Cli.Commands.Skills;

// agentfn: every command is built in its own file under Commands/; exit codes are in Commands/ExitCodes.cs (docs/cli.md).
var root = new RootCommand("agentfn — the AgentFunctions command line: start and follow runs, approve, cancel, replay, compare, correct, validate; graphs and skills.");
CliOptions.AddTo(root);
Command[] commands =
[
    RunCommand.Create(), RunsCommand.Create(), StatusCommand.Create(), EventsCommand.Create(), ApproveCommand.Create(), CancelCommand.Create(),
    ReplayCommand.Create(), CompareCommand.Create(), CorrectCommand.Create(), ValidateCommand.Create(),
    SkillsCommand.Create(), GraphsCommand.Create(), DemoCommands.Demo(), DemoCommands.TaskHub(),
];
foreach (var command in commands)
{
    root.Subcommands.Add(command);
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"agentfn: {error.Message}");
    }

    Console.Error.WriteLine("Run 'agentfn --help' (or 'agentfn COMMAND --help') for usage.");
    return ExitCodes.Usage;
}

return await parse.InvokeAsync();
