using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary><c>agentfn compare RUN_A RUN_B</c>: per node status, path, cost, model and output differences of two runs
/// (<c>GET /api/runs/{a}/compare/{b}</c>).</summary>
public static class CompareCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var a = new Argument<string>("run-a") { Description = "The first run (e.g. the parent of a replay)." };
        var b = new Argument<string>("run-b") { Description = "The second run." };
        var command = new Command("compare", "Compare two runs node by node: status, whether it ran, cost, model, output differences.") { a, b };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var comparison = (await context.Api.GetAsync($"api/runs/{Uri.EscapeDataString(parse.GetValue(a)!)}/compare/{Uri.EscapeDataString(parse.GetValue(b)!)}", cancellationToken)).AsObject();
            if (context.Json)
            {
                await CliContext.WriteJsonAsync(comparison);
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("node").AddColumn("A").AddColumn("B").AddColumn(new TableColumn("cost A").RightAligned())
                .AddColumn(new TableColumn("cost B").RightAligned()).AddColumn("model A / B").AddColumn("output differences");
            foreach (var node in (comparison["nodes"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var diffs = (node["outputDifferences"] as JsonArray ?? []).OfType<JsonObject>().Select(d => d["path"]?.ToString() ?? "?").ToList();
                var more = node["moreOutputDifferences"]?.GetValue<int>() ?? 0;
                table.AddRow(
                    new Text((node["changed"]?.GetValue<bool>() == true ? "* " : "  ") + node["id"]),
                    new Text(Status(node, "A")),
                    new Text(Status(node, "B") + (node["copiedInB"]?.GetValue<bool>() == true ? " (copied)" : string.Empty)),
                    new Text($"${node["costUsdA"]}"),
                    new Text($"${node["costUsdB"]}"),
                    new Text($"{node["modelA"] ?? "-"} / {node["modelB"] ?? "-"}"),
                    new Text(diffs.Count == 0 ? string.Empty : string.Join(", ", diffs) + (more > 0 ? $" (+{more})" : string.Empty)));
            }

            var summary = comparison["summary"];
            await context.Out.WriteLineAsync($"A {comparison["a"]?["runId"]} ({comparison["a"]?["status"]})  B {comparison["b"]?["runId"]} ({comparison["b"]?["status"]}){(comparison["sameGraph"]?.GetValue<bool>() == false ? "  — different graphs" : string.Empty)}");
            context.Ansi.Write(table);
            await context.Out.WriteLineAsync($"{summary?["nodesChanged"]} node(s) changed: {summary?["statusChanged"]} status, {summary?["outputChanged"]} output, {summary?["pathChanged"]} path; cost delta ${summary?["costDeltaUsd"]}");
            foreach (var diff in (comparison["inputDifferences"] as JsonArray ?? []).OfType<JsonObject>())
            {
                await context.Out.WriteLineAsync($"  input {diff["path"]}: {diff["a"]?.ToJsonString() ?? "(none)"} → {diff["b"]?.ToJsonString() ?? "(none)"}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Status(JsonObject node, string side) =>
        $"{node["status" + side]}{(node["onPath" + side]?.GetValue<bool>() == false ? " (not run)" : string.Empty)}";
}
