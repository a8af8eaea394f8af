using System.CommandLine;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Commands.Runs;
using Spectre.Console;

namespace AgentFunctions.Cli.Commands.Skills;

/// <summary><c>agentfn skills list|show DOMAIN/SKILL|dry-run DOMAIN/SKILL</c>: the skills the key may see, one skill with its
/// validation report, and the compiled prompt and context manifest of an execution without a model call.</summary>
public static class SkillsCommand
{
    private static readonly string[] s_issueKinds = ["errors", "warnings"];

    /// <summary>Creates the command group.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var group = new Command("skills", "List skills, show one, or dry-run one (the compiled prompt and context manifest, no model call).");
        group.Subcommands.Add(List());
        group.Subcommands.Add(Show());
        group.Subcommands.Add(DryRun());
        return group;
    }

    private static Argument<string> SkillArgument() => new("skill") { Description = "The skill as DOMAIN/SKILL (hr/resume-screen)." };

    private static Command List()
    {
        var command = new Command("list", "List the skills (GET /api/skills), with load issues.");
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var answer = (await context.Api.GetAsync("api/skills", cancellationToken)).AsObject();
            if (context.Json)
            {
                await CliContext.WriteJsonAsync(answer);
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumn("skill").AddColumn("version").AddColumn("model").AddColumn("description");
            foreach (var skill in (answer["skills"] as JsonArray ?? []).OfType<JsonObject>())
            {
                table.AddRow(new Text(skill["id"]?.ToString() ?? "?"), new Text(skill["version"]?.ToString() ?? string.Empty),
                    new Text(skill["model"]?.ToString() ?? string.Empty), new Text(skill["description"]?.ToString() ?? string.Empty));
            }

            context.Ansi.Write(table);
            foreach (var issue in (answer["issues"] as JsonArray ?? []).OfType<JsonObject>())
            {
                await context.Out.WriteLineAsync($"{issue["file"]}:{issue["line"]}: {(issue["error"]?.GetValue<bool>() == true ? "error" : "warning")}: {issue["message"]}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show()
    {
        var skill = SkillArgument();
        var command = new Command("show", "Show one skill (GET /api/skills/{domain}/{skill}): description, model, schemas, validation errors and warnings.") { skill };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var answer = (await context.Api.GetAsync($"api/skills/{Path(parse.GetValue(skill)!)}", cancellationToken)).AsObject();
            if (context.Json)
            {
                await CliContext.WriteJsonAsync(answer);
                return ExitCodes.Success;
            }

            var s = answer["skill"];
            var output = context.Out;
            await output.WriteLineAsync($"{s?["id"]} v{s?["version"]} ({s?["role"]}, model {s?["model"]}, output {s?["output"]})");
            await output.WriteLineAsync($"  {s?["description"]}");
            if (s?["costBudgetPerExecutionUsd"] is { } budget)
            {
                await output.WriteLineAsync($"  budget per execution: ${budget}");
            }

            await output.WriteLineAsync($"  input schema:  {answer["inputSchema"]?.ToJsonString() ?? "(none)"}");
            await output.WriteLineAsync($"  output schema: {answer["outputSchema"]?.ToJsonString() ?? "(none)"}");
            var validation = answer["validation"];
            await output.WriteLineAsync($"  valid: {validation?["valid"]}");
            foreach (var kind in s_issueKinds)
            {
                foreach (var issue in (validation?[kind] as JsonArray ?? []).OfType<JsonObject>())
                {
                    await output.WriteLineAsync($"  {issue["file"]}:{issue["line"]}: {kind.TrimEnd('s')}: {issue["code"]}: {issue["message"]}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command DryRun()
    {
        var skill = SkillArgument();
        var model = new Option<string?>("--model") { Description = "Compile for this model instead of the skill's own (provider/model)." };
        var command = new Command("dry-run", "Compile a skill execution's prompt and context manifest, with its cost estimate, without calling the model.")
        {
            skill, RunCommand.Input, RunCommand.InputJson, model,
        };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var input = RunInputs.Parse(parse.GetValue(RunCommand.Input), parse.GetValue(RunCommand.InputJson), Console.In);
            var answer = await context.Api.PostAsync($"api/skills/{Path(parse.GetValue(skill)!)}/execute",
                new { input, modelOverride = parse.GetValue(model), dryRun = true }, cancellationToken);
            if (context.Json)
            {
                await CliContext.WriteJsonAsync(answer);
                return ExitCodes.Success;
            }

            await DryRunReport.WriteAsync(context.Out, answer.AsObject());
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Turns <c>DOMAIN/SKILL</c> into the URL path <c>domain/skill</c>.</summary>
    /// <param name="id">The skill id.</param>
    /// <returns>The escaped path.</returns>
    /// <exception cref="UsageException">The id is not <c>DOMAIN/SKILL</c>.</exception>
    public static string Path(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parts = id.Split('/');
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new UsageException($"'{id}' is not a skill id: write DOMAIN/SKILL, such as hr/resume-screen.");
        }

        return $"{Uri.EscapeDataString(parts[0])}/{Uri.EscapeDataString(parts[1])}";
    }
}
