using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration.Durable;
using AgentFunctions.Core.Orchestration.Messages;
using Microsoft.DurableTask.Client;

namespace AgentFunctions.Core.Orchestration;

public sealed partial class RunService
{
    /// <summary>
    /// Starts a run that replays <paramref name="parentRunId"/> from <paramref name="fromNode"/>: nodes upstream of it that
    /// succeeded in the parent are copied (not executed), the node and everything downstream run again. In <c>recorded</c>
    /// mode their model calls reuse the parent's responses when the request matches (no cost); in <c>live</c> mode they call
    /// the models again. New inputs may be given (the copied nodes keep their outputs). A node inside a refinement loop
    /// re-runs the whole loop from its first node; a copied <c>for_each</c> node brings its instances.
    /// </summary>
    /// <param name="parentRunId">The ended run to replay.</param>
    /// <param name="fromNode">The node to re-run from.</param>
    /// <param name="mode"><c>recorded</c> (default) or <c>live</c>.</param>
    /// <param name="inputs">New inputs, or null for the parent's.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Started, parent not found, or rejected with the field and reason.</returns>
    public async Task<ReplayOutcome> ReplayAsync(
        string parentRunId, string? fromNode, string? mode, JsonObject? inputs, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await store.ReadAsync(parentRunId, cancellationToken) is not { } parent)
        {
            return new ReplayParentNotFound();
        }

        mode ??= "recorded";
        if (mode is not ("recorded" or "live"))
        {
            return new ReplayRejected(400, "mode", $"'{mode}' is not a replay mode; use recorded or live.");
        }

        if (!parent.Header.Status.IsTerminal())
        {
            return new ReplayRejected(409, "runId", $"Run '{parentRunId}' is {parent.Header.Status.ToWire()}; only an ended run can be replayed.");
        }

        var graph = graphs.ForRun(parent.Header.GraphHash, parent.GraphYaml);
        if (fromNode is null || graph.FindNode(fromNode) is null)
        {
            return new ReplayRejected(400, "fromNode", $"'fromNode' must name a node of graph '{graph.Name}': {string.Join(", ", graph.Nodes.Select(n => n.Id))}.");
        }

        var bound = GraphInputBinder.Bind(graph, inputs ?? parent.Header.Inputs);
        if (bound.Inputs is null)
        {
            return new ReplayRejected(400, "inputs", string.Join("; ", bound.Errors.Select(e => e.ToString())));
        }

        // A node inside a refinement loop re-runs the whole loop, from its first node, from iteration 1.
        var index = GraphIndex.For(graph);
        fromNode = index.LoopBodies.Where(body => body.Value.Contains(fromNode)).Select(body => body.Value[0]).FirstOrDefault() ?? fromNode;
        var rerun = index.Topology.TransitiveSuccessors(fromNode).Append(fromNode).ToHashSet(StringComparer.Ordinal);
        var parentNodes = parent.Nodes;
        var copiedIds = graph.Nodes
            .Where(n => !rerun.Contains(n.Id) && parentNodes.GetValueOrDefault(n.Id)?.Status == NodeStatus.Succeeded)
            .Select(n => n.Id)
            .ToHashSet(StringComparer.Ordinal);

        // A copied for_each node brings its instance rows (review[0], review[1] …) with it.
        var copied = parentNodes.Values
            .Where(n => copiedIds.Contains(NodeInstanceIds.BaseOf(n.NodeId)))
            .Select(n => Copy(n, parentRunId))
            .ToList();
        var runId = NewRunId();
        var replay = new ReplayInfo(parentRunId, fromNode, mode, [.. graph.Nodes.Select(n => n.Id).Where(copiedIds.Contains)]);
        using var span = RunSpans.StartCreation(graph.Name, runId, "replay");
        span?.SetTag("agentfunctions.replay.parent_run_id", parentRunId);
        var creation = new RunCreation(runId, graph.Name, graph.SourceText, graph.ContentHash, bound.Inputs, graph.Budget.MaxCostUsd, time.GetUtcNow(), "replay", replay)
        {
            Trace = Telemetry.RunTrace.Under(span),
        };

        // The copied nodes travel in the orchestration's input; its first record write stores them for the view.
        await StartOrchestrationAsync(client, new GraphRunInput(creation, copied), cancellationToken);
        await store.TryCreateAsync(creation, cancellationToken);
        return new ReplayStarted(runId, replay);
    }

    // A copied node keeps its output and what produced it, but costs the new run nothing.
    private static NodeState Copy(NodeState parent, string parentRunId)
    {
        var details = parent.Details?.DeepClone().AsObject() ?? [];
        details["copied_from"] = parentRunId;
        details["original_cost_usd"] = parent.CostUsd;
        return parent with { CostUsd = 0, ReservedUsd = 0, Details = details };
    }
}
