using System.Text.Json.Nodes;
using Spectre.Console;

namespace AgentFunctions.Cli.Progress;

/// <summary>Progress on a terminal: a Spectre.Console live table (node, status, model, tokens, cost USD, elapsed), redrawn in place.</summary>
/// <param name="context">The live display.</param>
/// <param name="table">The table the live display shows.</param>
public sealed class LiveRunProgress(LiveDisplayContext context, Table table) : IRunProgress
{
    /// <summary>Creates the empty table a live display starts with.</summary>
    /// <returns>The table with its columns.</returns>
    public static Table CreateTable() => new Table().Border(TableBorder.Rounded)
        .AddColumn("node").AddColumn("status").AddColumn("model").AddColumn(new TableColumn("tokens").RightAligned())
        .AddColumn(new TableColumn("cost USD").RightAligned()).AddColumn(new TableColumn("elapsed").RightAligned());

    /// <inheritdoc/>
    public Task ShowAsync(JsonObject run)
    {
        ArgumentNullException.ThrowIfNull(run);
        table.Rows.Clear();
        foreach (var node in NodeProgress.Read(run, DateTimeOffset.UtcNow))
        {
            table.AddRow(
                new Text(node.Id),
                new Markup($"[{Colour(node.Status)}]{Markup.Escape(node.Status)}[/]"),
                new Text(node.Model),
                new Text(node.Tokens),
                new Text(node.CostText()),
                new Text(node.ElapsedText()));
        }

        table.Caption($"run {Markup.Escape(run["runId"]?.ToString() ?? "?")}: {Markup.Escape(run["status"]?.ToString() ?? "?")}, ${Markup.Escape(run["costUsd"]?.ToString() ?? "0")}");
        context.Refresh();
        return Task.CompletedTask;
    }

    private static string Colour(string status) => status switch
    {
        "succeeded" => "green",
        "failed" => "red",
        "running" => "yellow",
        "scheduled" => "blue",
        "awaiting_approval" or "waiting_approval" => "magenta",
        "cancelled" or "skipped" => "grey",
        _ => "default",
    };
}
