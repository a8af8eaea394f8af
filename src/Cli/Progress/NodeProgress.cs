using System.Globalization;
using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Progress;

/// <summary>One node's row in the progress display.</summary>
/// <param name="Id">The node id.</param>
/// <param name="Status">pending, scheduled, running, succeeded, failed, skipped, cancelled …</param>
/// <param name="Model">The model that answered (with <c>(recorded)</c> for a replayed response), <c>tool: name</c> for a tool node, or empty.</param>
/// <param name="Tokens">Prompt+completion tokens as <c>1223+143</c>, or empty.</param>
/// <param name="CostUsd">The node's cost in USD.</param>
/// <param name="Elapsed">The last attempt's duration, or the time since it started while it runs; null before it starts.</param>
/// <param name="Error">Why it failed or was skipped, or null.</param>
public sealed record NodeProgress(string Id, string Status, string Model, string Tokens, decimal CostUsd, TimeSpan? Elapsed, string? Error)
{
    /// <summary>Reads every node of a run document.</summary>
    /// <param name="run">The document of <c>GET /api/runs/{id}</c>.</param>
    /// <param name="now">The current time (for the elapsed time of running nodes).</param>
    /// <returns>The nodes in graph order.</returns>
    public static IReadOnlyList<NodeProgress> Read(JsonObject run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. (run["nodes"] as JsonArray ?? []).OfType<JsonObject>().Select(n => Of(n, now))];
    }

    /// <summary>Formats <see cref="Elapsed"/> as <c>1.2 s</c>, or empty.</summary>
    /// <returns>The text.</returns>
    public string ElapsedText() => Elapsed is { } e ? e.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : string.Empty;

    /// <summary>Formats <see cref="CostUsd"/> as <c>$0.000269</c>, or empty for zero.</summary>
    /// <returns>The text.</returns>
    public string CostText() => CostUsd == 0 ? string.Empty : "$" + CostUsd.ToString("0.000000", CultureInfo.InvariantCulture);

    private static NodeProgress Of(JsonObject node, DateTimeOffset now)
    {
        var status = node["status"]?.ToString() ?? "pending";
        var kind = node["kind"]?.ToString();
        var model = node["model"]?.ToString() is { Length: > 0 } m
            ? m + (node["recorded"]?.GetValue<bool>() == true ? " (recorded)" : string.Empty)
            : kind == "tool" ? "tool: " + node["target"] : string.Empty;
        var input = node["tokens"]?["input"]?.GetValue<long>() ?? 0;
        var output = node["tokens"]?["output"]?.GetValue<long>() ?? 0;
        var tokens = input + output > 0 ? $"{input}+{output}" : string.Empty;
        TimeSpan? elapsed = null;
        if (node["durationMs"]?.GetValue<long>() is { } ms && status is not ("running" or "scheduled"))
        {
            elapsed = TimeSpan.FromMilliseconds(ms);
        }
        else if (status == "running" && node["startedAt"]?.ToString() is { } started
            && DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            elapsed = now - at > TimeSpan.Zero ? now - at : TimeSpan.Zero;
        }

        var cost = node["costUsd"]?.GetValue<decimal>() ?? 0m;
        return new NodeProgress(node["id"]?.ToString() ?? "?", status, model, tokens, cost, elapsed, node["error"]?.ToString());
    }
}
