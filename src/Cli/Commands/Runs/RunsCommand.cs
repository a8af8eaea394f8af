using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary><c>agentfn runs [--graph G] [--status S] [--search TEXT] [--limit N]</c>: the runs the key may read, newest first (<c>GET /api/runs</c>).</summary>
public static class RunsCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var graph = new Option<string?>("--graph") { Description = "Only runs of this graph." };
        var status = new Option<string?>("--status") { Description = "Only runs with this status: pending, running, awaiting_approval, succeeded, failed, cancelled." };
        var search = new Option<string?>("--search", "-q") { Description = "Only runs whose id or graph name contains this text (case-insensitive)." };
        var limit = new Option<int>("--limit") { Description = "Most runs to list (1–500).", DefaultValueFactory = _ => 20 };
        var command = new Command("runs", "List runs, newest first: id, graph, status, cost (USD), duration.") { graph, status, search, limit };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var query = new List<string> { "limit=" + parse.GetValue(limit).ToString(CultureInfo.InvariantCulture) };
            foreach (var (name, option) in new[] { ("graph", graph), ("status", status), ("q", search) })
            {
                if (parse.GetValue(option) is { Length: > 0 } value)
                {
                    query.Add($"{name}={Uri.EscapeDataString(value)}");
                }
            }

            var list = (await context.Api.GetAsync("api/runs?" + string.Join('&', query), cancellationToken)).AsObject();
            if (context.Json)
            {
                await CliContext.WriteJsonAsync(list);
                return ExitCodes.Success;
            }

            var runs = (list["runs"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (runs.Count == 0)
            {
                await context.Out.WriteLineAsync("no runs");
                return ExitCodes.Success;
            }

            foreach (var run in runs)
            {
                var duration = run["durationMs"]?.GetValue<long>() is { } ms ? (ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-";
                var cost = run["costUsd"]?.GetValue<decimal>() ?? 0m;
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{run["runId"],-34} {run["graph"],-20} {run["status"],-18} ${cost,-10:0.######} {duration,8}  {run["created"]}"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
