using System.Globalization;
using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Progress;

/// <summary>Progress for logs and CI: one line per node status change (<c>  node planner          succeeded  openai/… 1223+143 tok  $0.000269  1.2 s</c>),
/// and one when the run's status changes. Never moves the cursor.</summary>
/// <param name="output">Where the lines go.</param>
/// <param name="showRunStatus">False when the caller prints the run's status changes itself (the demo does).</param>
public sealed class PlainRunProgress(TextWriter output, bool showRunStatus = true) : IRunProgress
{
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
    private string? _runStatus;

    /// <inheritdoc/>
    public async Task ShowAsync(JsonObject run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var node in NodeProgress.Read(run, DateTimeOffset.UtcNow))
        {
            if (_seen.TryGetValue(node.Id, out var last) && last == node.Status)
            {
                continue;
            }

            _seen[node.Id] = node.Status;
            if (last is null && node.Status == "pending")
            {
                continue; // every node starts pending; say so only when something happens to it
            }

            await output.WriteLineAsync(Line(node));
        }

        var status = run["status"]?.ToString();
        if (showRunStatus && status != _runStatus)
        {
            _runStatus = status;
            await output.WriteLineAsync($"  run  {run["runId"]} is {status}");
        }
    }

    /// <summary>Formats one node's line.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The line.</returns>
    public static string Line(NodeProgress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"  node {node.Id,-16} {node.Status,-18}") };
        if (node.Model.Length > 0)
        {
            parts.Add(node.Model);
        }

        if (node.Tokens.Length > 0)
        {
            parts.Add(node.Tokens + " tokens");
        }

        if (node.CostText() is { Length: > 0 } cost)
        {
            parts.Add(cost);
        }

        if (node.ElapsedText() is { Length: > 0 } elapsed)
        {
            parts.Add(elapsed);
        }

        if (node.Status is "failed" or "skipped" && node.Error is { Length: > 0 } error)
        {
            parts.Add("— " + error);
        }

        return string.Join("  ", parts).TrimEnd();
    }
}
