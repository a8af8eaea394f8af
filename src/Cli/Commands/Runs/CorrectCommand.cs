using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary><c>agentfn correct RUN_ID NODE --text T | --file F [--corrected-output FILE|-] [--by B]</c>: corrects a skill execution;
/// the learning loop makes a rule and a regression test of it (<c>POST /api/runs/{id}/nodes/{node}/corrections</c>).</summary>
public static class CorrectCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run." };
        var node = new Argument<string>("node") { Description = "The succeeded skill node to correct." };
        var text = new Option<string?>("--text", "-t") { Description = "The correction, in words." };
        var file = new Option<string?>("--file") { Description = "Read the correction's text from a file (- for stdin)." };
        var corrected = new Option<string?>("--corrected-output") { Description = "A JSON file (- for stdin) with the output the node should have given." };
        var by = new Option<string?>("--by") { Description = "Who corrects (default: the user name).", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("correct", "Correct a skill node's output: the correction becomes a reflexion rule and a regression test.") { runId, node, text, file, corrected, by };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var words = parse.GetValue(text);
            if (parse.GetValue(file) is { } path)
            {
                words = ReadText(path, "--file");
            }

            JsonNode? output = null;
            if (parse.GetValue(corrected) is { } outputPath)
            {
                try
                {
                    output = JsonNode.Parse(ReadText(outputPath, "--corrected-output"));
                }
                catch (JsonException ex)
                {
                    throw new UsageException($"--corrected-output {outputPath}: not valid JSON: {ex.Message}", ex);
                }
            }

            if (string.IsNullOrWhiteSpace(words) && output is null)
            {
                throw new UsageException("Say what is wrong with --text \"…\" or --file FILE (and/or give --corrected-output FILE).");
            }

            var id = parse.GetValue(runId)!;
            var answer = await context.Api.PostAsync($"api/runs/{Uri.EscapeDataString(id)}/nodes/{Uri.EscapeDataString(parse.GetValue(node)!)}/corrections",
                new { text = words, correctedOutput = output, by = parse.GetValue(by) }, cancellationToken);
            if (context.Json)
            {
                await CliContext.WriteJsonAsync(answer);
            }
            else if (answer["duplicateOf"] is { } duplicate)
            {
                await context.Out.WriteLineAsync($"correction {answer["correctionId"]} of {answer["skill"]}: the same as {duplicate}; nothing new was stored");
            }
            else
            {
                await context.Out.WriteLineAsync($"correction {answer["correctionId"]} of {answer["skill"]} stored; the rule and test it makes appear at GET /api/knowledge/reflexions?skill={answer["skill"]} and …/tests?skill={answer["skill"]}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string ReadText(string path, string option)
    {
        try
        {
            return path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new UsageException($"{option}: cannot read '{path}': {ex.Message}", ex);
        }
    }
}
