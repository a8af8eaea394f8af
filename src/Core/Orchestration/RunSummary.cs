using System.Globalization;
using System.Text;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// The one-paragraph account of a run that <c>GET /api/runs/{id}</c> returns as <c>summary</c>: its status and why,
/// who cancelled it or decided its approvals, what it replays, and how many nodes ended how. Built from the same
/// state as the rest of the view, so it never says more than the fields do.
/// </summary>
public static class RunSummary
{
    /// <summary>Describes a run.</summary>
    /// <param name="run">The view without its summary.</param>
    /// <returns>Sentences in plain English, e.g. <c>Cancelled by ana: wrong repository. Nodes: 2 succeeded, 1 cancelled.</c></returns>
    public static string Describe(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        if (run.Replay is { } replay)
        {
            text.Append(CultureInfo.InvariantCulture, $"Replay of run {replay.ParentRunId} from node '{replay.FromNode}' ({replay.Mode} mode");
            text.Append(replay.CopiedNodes.Count == 0 ? "; nothing copied). " : $"; copied from the parent without running: {string.Join(", ", replay.CopiedNodes)}). ");
        }

        text.Append(run.Status switch
        {
            "pending" => "Accepted; waiting for the orchestrator to start it.",
            "running" => "Running.",
            "awaiting_approval" => $"Waiting for approval of {string.Join(", ", run.PendingApprovals.Select(p => $"'{p.Node}' ({p.Reason})"))}: "
                + $"approve or reject with POST /api/runs/{run.RunId}/approvals.",
            "succeeded" => "Succeeded.",
            "cancelled" => Sentence(run.Error ?? "Cancelled."),
            _ => $"Failed: {Sentence(run.Error ?? "no reason recorded.")}",
        });

        foreach (var node in run.Nodes.Where(n => n.Approval?["decision"] is not null))
        {
            var approval = node.Approval!;
            var by = approval["by"]?.GetValue<string>() is { } who ? $" by {who}" : string.Empty;
            var comment = approval["comment"]?.GetValue<string>() is { } said ? $" (\"{said}\")" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $" Node '{node.Id}' was {approval["decision"]!.GetValue<string>()}{by}{comment}.");
        }

        var counts = run.Nodes.GroupBy(n => n.Status).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        text.Append(CultureInfo.InvariantCulture, $" Nodes: {string.Join(", ", counts)}.");
        if (run.CostUsd > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" Cost ${run.CostUsd:0.######}{(run.Recorded ? " (priced from recorded responses)" : string.Empty)}.");
        }

        return text.ToString();
    }

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";
}
