using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace AgentFunctions.Cli.Commands.Graphs;

/// <summary><c>agentfn graphs list</c> (the app's catalog) and <c>agentfn graphs validate FILE…</c> (offline: no app, no storage).</summary>
public static class GraphsCommand
{
    /// <summary>Creates the command group.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var group = new Command("graphs", "List the app's graphs, or validate graph files offline.");
        group.Subcommands.Add(List());
        group.Subcommands.Add(Validate());
        return group;
    }

    private static Command List()
    {
        var command = new Command("list", "List the app's graphs (GET /api/graphs), with the load errors of invalid files.");
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var answer = (await context.Api.GetAsync("api/graphs", cancellationToken)).AsObject();
            if (context.Json)
            {
                await CliContext.WriteJsonAsync(answer);
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumn("graph").AddColumn("file").AddColumn(new TableColumn("nodes").RightAligned())
                .AddColumn("domains").AddColumn("valid").AddColumn("description");
            var graphs = (answer["graphs"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            foreach (var graph in graphs)
            {
                table.AddRow(new Text(graph["name"]?.ToString() ?? "?"), new Text(graph["file"]?.ToString() ?? string.Empty), new Text(graph["nodes"]?.ToString() ?? string.Empty),
                    new Text(string.Join(", ", (graph["domains"] as JsonArray ?? []).Select(d => d?.ToString()))),
                    new Text(graph["valid"]?.GetValue<bool>() == true ? "yes" : "NO"), new Text(graph["description"]?.ToString() ?? string.Empty));
            }

            context.Ansi.Write(table);
            foreach (var graph in graphs)
            {
                foreach (var error in (graph["errors"] as JsonArray ?? []))
                {
                    await context.Out.WriteLineAsync($"{graph["file"]}: {error}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Validate()
    {
        var files = new Argument<string[]>("file") { Description = "Graph YAML files.", Arity = ArgumentArity.OneOrMore };
        var contentRoot = new Option<string?>("--content-root") { Description = "The folder holding skills/ (default: the nearest one from the current folder up, else from the first file's folder up)." };
        var command = new Command("validate", "Validate graph files OFFLINE (no app, no storage) against the skills and tools of the content root; exit 1 on any error.")
        {
            files, contentRoot,
        };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var paths = parse.GetValue(files)!;
            var root = parse.GetValue(contentRoot) is { } given ? Path.GetFullPath(given)
                : OfflineGraphValidator.FindContentRoot(Directory.GetCurrentDirectory())
                    ?? OfflineGraphValidator.FindContentRoot(Path.GetDirectoryName(Path.GetFullPath(paths[0]))!)
                    ?? throw new UsageException("No skills/ folder above the current folder or the file: pass --content-root FOLDER.");
            if (!Directory.Exists(Path.Combine(root, "skills")))
            {
                throw new UsageException($"--content-root '{root}' holds no skills/ folder.");
            }

            using var validator = new OfflineGraphValidator(root);
            var results = new JsonArray();
            var invalid = 0;
            foreach (var path in paths)
            {
                var (result, error) = Load(validator, path);
                var valid = error is null && result!.IsValid;
                invalid += valid ? 0 : 1;
                var errors = new JsonArray();
                if (error is not null)
                {
                    errors.Add(new JsonObject { ["code"] = "unreadable", ["message"] = error });
                    await CliContext.Error.WriteLineAsync($"{path}: unreadable: {error}");
                }
                else if (!valid)
                {
                    foreach (var e in result!.Errors)
                    {
                        errors.Add(new JsonObject { ["line"] = e.Line, ["column"] = e.Column, ["code"] = e.Code, ["message"] = e.Message, ["node"] = e.NodeId, ["field"] = e.Field });
                    }

                    // stdout, compiler style (file:line:column: code: message), so editors and hooks can jump to it.
                    if (!context.Json)
                    {
                        await context.Out.WriteLineAsync(result.FormatErrors());
                    }
                }
                else if (!context.Json)
                {
                    await context.Out.WriteLineAsync($"{path}: valid (graph '{result!.Graph!.Name}', {result.Graph.Nodes.Count} nodes)");
                }

                results.Add(new JsonObject { ["file"] = path, ["valid"] = valid, ["graph"] = result?.Graph?.Name, ["errors"] = errors });
            }

            if (context.Json)
            {
                await CliContext.WriteJsonAsync(new JsonObject { ["valid"] = invalid == 0, ["contentRoot"] = root, ["files"] = results });
            }
            else if (invalid > 0)
            {
                await CliContext.Error.WriteLineAsync($"agentfn: {invalid} of {paths.Length} graph file(s) invalid (skills from {root})");
            }

            return invalid == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }

    private static (Core.Graphs.GraphLoadResult? Result, string? Error) Load(OfflineGraphValidator validator, string path)
    {
        try
        {
            return (validator.Validate(File.ReadAllText(path), path), null);
        }
        catch (IOException ex)
        {
            return (null, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return (null, ex.Message);
        }
    }
}
