using System.Globalization;
using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Progress;

/// <summary>Puts a run event (<c>{"seq", "type", "nodeId", "at", "data"}</c>) in one line of words.</summary>
public static class EventText
{
    /// <summary>Describes an event: its type, node and what its data says (model and tokens, duration, error …).</summary>
    /// <param name="ev">The event.</param>
    /// <returns>The description, without the sequence number.</returns>
    public static string Describe(JsonObject ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var type = ev["type"]?.ToString() ?? "?";
        var node = ev["nodeId"]?.ToString();
        var data = ev["data"] as JsonObject ?? [];
        var head = node is null ? type : $"{type,-22} {node}";
        return type switch
        {
            "model_called" => $"{head}: {data["model"]} via {data["provider"]}{(data["recorded"]?.GetValue<bool>() == true ? " (RECORDED response replayed)" : string.Empty)}, " +
                              $"{data["input_tokens"]} in / {data["output_tokens"]} out tokens, ${data["cost_usd"]}",
            "context_compiled" => $"{head}: {data["manifest"]?["sections"]?.AsArray().Count} sections, ~{data["manifest"]?["totalTokens"]} tokens, {data["manifest"]?["drops"]?.AsArray().Count} dropped",
            "node_succeeded" => $"{head}: {data["duration_ms"]} ms (started {Time(data["started_at"])}, finished {Time(data["completed_at"])})",
            "node_failed" or "node_retry_scheduled" => $"{head}: {data["error"]}",
            "node_skipped" => $"{head}: {data["reason"]}",
            "budget_exceeded" => $"{head}: {data["reason"]}",
            "run_failed" => $"{head}: {data["error"]}",
            "run_succeeded" => $"{head}: total cost ${data["cost_usd"]}",
            _ => head,
        };
    }

    private static string Time(JsonNode? value) =>
        value is null ? "?" : DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
