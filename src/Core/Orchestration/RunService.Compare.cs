using AgentFunctions.Core.Orchestration.Compare;

namespace AgentFunctions.Core.Orchestration;

public sealed partial class RunService
{
    /// <summary>Compares two runs node by node: status, output (JSON Pointer differences), path and cost.</summary>
    /// <param name="runA">The run to compare against (typically the parent).</param>
    /// <param name="runB">The run compared (typically the replay).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The comparison, or the id of the run that does not exist.</returns>
    public async Task<(RunComparison? Comparison, string? MissingRunId)> CompareAsync(string runA, string runB, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(runA, cancellationToken) is not { } a)
        {
            return (null, runA);
        }

        if (await GetAsync(runB, cancellationToken) is not { } b)
        {
            return (null, runB);
        }

        var nodesA = a.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var nodesB = b.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var ids = a.Nodes.Select(n => n.Id).Concat(b.Nodes.Select(n => n.Id).Where(id => !nodesA.ContainsKey(id)));
        var nodes = ids.Select(id => CompareNode(id, nodesA.GetValueOrDefault(id), nodesB.GetValueOrDefault(id))).ToList();
        var summary = new ComparisonSummary(
            nodes.Count(n => n.Changed),
            nodes.Count(n => n.StatusA != n.StatusB),
            nodes.Count(n => n.OutputDifferences.Count > 0),
            nodes.Count(n => n.OnPathA != n.OnPathB),
            b.CostUsd - a.CostUsd);
        return (new RunComparison(Brief(a), Brief(b), a.GraphHash == b.GraphHash, JsonDiff.Diff(a.Inputs, b.Inputs).Differences, nodes, summary), null);
    }

    private static NodeComparison CompareNode(string id, NodeView? a, NodeView? b)
    {
        var (differences, more) = JsonDiff.Diff(a?.Output, b?.Output);
        var statusA = a?.Status ?? "absent";
        var statusB = b?.Status ?? "absent";
        var onPathA = OnPath(a);
        var onPathB = OnPath(b);
        return new NodeComparison(
            id, statusA != statusB || differences.Count > 0 || onPathA != onPathB, statusA, statusB, onPathA, onPathB,
            a?.CostUsd ?? 0, b?.CostUsd ?? 0, b?.Details?["copied_from"] is not null, a?.Model, b?.Model, differences, more, a?.Error, b?.Error);
    }

    // A node is on the run's path when it started (executed or was copied with its start time), not when it was skipped or never reached.
    private static bool OnPath(NodeView? node) => node?.StartedAt is not null;

    private static RunBrief Brief(RunView run) => new(
        run.RunId, run.Graph, run.GraphHash, run.Status, run.CostUsd,
        [.. run.Nodes.Where(OnPath).OrderBy(n => n.CompletedAt ?? DateTimeOffset.MaxValue).ThenBy(n => n.StartedAt).Select(n => n.Id)],
        run.Replay?.ParentRunId);
}
