using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Commands.Skills;

/// <summary>Prints a dry run (<c>POST /api/skills/{d}/{s}/execute</c> with <c>dryRun: true</c>): model, context manifest
/// (sections with token estimates, what was dropped), cost estimate, and the system prompt and user message.</summary>
public static class DryRunReport
{
    /// <summary>Writes the report.</summary>
    /// <param name="output">Where it goes.</param>
    /// <param name="dryRun">The dry run.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(TextWriter output, JsonObject dryRun)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(dryRun);
        var manifest = dryRun["manifest"];
        await output.WriteLineAsync($"{dryRun["skill"]} v{dryRun["version"]} on {dryRun["model"]} — dry run, no model call");
        await output.WriteLineAsync($"  context manifest: ~{manifest?["totalTokens"]} of {manifest?["budgetTokens"]} tokens");
        foreach (var section in (manifest?["sections"] as JsonArray ?? []).OfType<JsonObject>())
        {
            await output.WriteLineAsync($"    {section["name"],-28} {section["kind"],-12} ~{section["tokenEstimate"]} tokens");
        }

        foreach (var drop in (manifest?["drops"] as JsonArray ?? []).OfType<JsonObject>())
        {
            await output.WriteLineAsync($"    dropped {drop["name"]} (~{drop["tokenEstimate"]} tokens): {drop["reason"]}");
        }

        await output.WriteLineAsync($"  estimate: {(dryRun["estimateUsd"] is { } usd ? "$" + usd : "unknown")} ({dryRun["estimateBasis"]}); {dryRun["promptTokens"]} prompt tokens, at most {dryRun["maxOutputTokens"]} output tokens");
        await output.WriteLineAsync("--- system prompt ---");
        await output.WriteLineAsync(dryRun["systemPrompt"]?.ToString());
        await output.WriteLineAsync("--- user message ---");
        await output.WriteLineAsync(dryRun["userMessage"]?.ToString());
    }
}
