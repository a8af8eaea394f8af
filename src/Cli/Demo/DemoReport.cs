using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Demo;

/// <summary>Prints the end of the demo: status, chosen patch, test output, cost and the run's working copy.</summary>
public sealed class DemoReport(TextWriter output)
{
    /// <summary>Writes the report.</summary>
    /// <param name="run">The final run document from <c>GET /api/runs/{id}</c>.</param>
    /// <param name="statuses">The run statuses seen, in order.</param>
    /// <param name="root">Repository root (for relative paths).</param>
    /// <returns>A task that completes when written.</returns>
    public async Task WriteAsync(JsonObject run, IReadOnlyList<string> statuses, string root)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(statuses);
        var nodes = run["nodes"]!.AsArray().Select(n => n!.AsObject()).ToDictionary(n => n["id"]!.GetValue<string>());
        await output.WriteLineAsync($"  status:        {run["status"]} (seen: {string.Join(" → ", statuses)})");
        if (run["error"] is { } error)
        {
            await output.WriteLineAsync($"  error:         {error}");
        }

        await output.WriteLineAsync("  nodes:");
        foreach (var node in nodes.Values)
        {
            var model = node["model"] is { } m ? $"{m}{(node["recorded"]?.GetValue<bool>() == true ? " (recorded)" : string.Empty)}, {node["tokens"]?["input"]}+{node["tokens"]?["output"]} tokens, ${node["costUsd"]}" : "tool";
            await output.WriteLineAsync($"    {node["id"],-15} {node["status"],-10} {node["durationMs"],6} ms  {model}");
            if (node["details"]?["tool_calls"] is JsonArray calls)
            {
                await output.WriteLineAsync($"      {calls.Count} tool call(s) over {node["details"]?["model_turns"]} model turns:");
                foreach (var call in calls.OfType<JsonObject>())
                {
                    await output.WriteLineAsync($"        {call["name"],-12} {Arguments(call["arguments"] as JsonObject),-28} {call["outcome"],-8} {call["duration_ms"],5} ms  {Summary(call)}");
                }
            }
        }

        if (nodes.GetValueOrDefault("aggregator")?["output"] is JsonObject aggregate)
        {
            var selected = string.Join(" + ", aggregate["selected"]?.AsArray().Select(s => s!.ToString()) ?? []);
            await output.WriteLineAsync($"  chosen patch:  {selected} — {aggregate["reason"]}");
            await output.WriteLineAsync(Indent(aggregate["patch"]?.ToString() ?? string.Empty));
        }

        if (nodes.GetValueOrDefault("tester")?["output"] is JsonObject tests)
        {
            await output.WriteLineAsync($"  tests:         {tests["tests_run"]} run, passed={tests["passed"]} — `{tests["command"]}`");
            await output.WriteLineAsync(Indent(tests["output"]?.ToString() ?? string.Empty));
        }

        if (nodes.GetValueOrDefault("security")?["output"] is JsonObject scan)
        {
            await output.WriteLineAsync($"  security scan: {scan["findings"]?.AsArray().Count ?? 0} finding(s) in {scan["lines_scanned"]} added line(s)");
        }

        if (nodes.GetValueOrDefault("release")?["output"] is JsonObject release)
        {
            await output.WriteLineAsync($"  release:       commit {release["commit"]?.ToString()[..Math.Min(12, release["commit"]?.ToString().Length ?? 0)]} — {release["entry"]}");
            await output.WriteLineAsync($"  working copy:  {Path.GetRelativePath(root, release["workspace"]?.ToString() ?? root)}");
        }

        var recorded = run["recorded"]?.GetValue<bool>() == true;
        await output.WriteLineAsync($"  cost:          ${run["costUsd"]} of a ${run["budget"]?["limitUsd"]} budget" +
            (recorded ? " — priced from the RECORDED responses' token counts; replaying them cost nothing" : string.Empty));
    }

    private static string Arguments(JsonObject? arguments) =>
        arguments is null || arguments.Count == 0 ? "()" : string.Join(", ", arguments.Select(kv => kv.Value is JsonValue v && v.ToString() is { Length: <= 24 } brief
            ? $"{kv.Key}={brief}"
            : $"{kv.Key}=<{kv.Value?.ToString().Length ?? 0} chars>"));

    // What the model got back: a test run's verdict, else the first line of the result.
    private static string Summary(JsonObject call)
    {
        var result = call["result"]?.ToString() ?? string.Empty;
        if (call["reason"] is { } reason)
        {
            return reason.ToString();
        }

        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(result) is JsonObject o && o["passed"] is { } passed)
            {
                return $"passed={passed}, {o["tests_run"]} run, {o["failures"]} failure(s)";
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        var first = result.Split('\n')[0];
        return $"{call["result_chars"]} chars: {(first.Length > 50 ? first[..50] + "…" : first)}";
    }

    private static string Indent(string text) =>
        string.Join('\n', text.TrimEnd().Split('\n').Select(l => "      | " + l));
}
