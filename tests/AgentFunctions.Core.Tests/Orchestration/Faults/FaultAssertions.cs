using AgentFunctions.Core.Orchestration;

namespace AgentFunctions.Core.Tests.Orchestration.Faults;

/// <summary>What every fault test demands of a finished run: the crash-free final state, and each result recorded once.</summary>
internal static class FaultAssertions
{
    /// <summary>
    /// Asserts that the run succeeded with every node and instance succeeded at attempt 1 (what a crash-free run ends with),
    /// one <c>node_succeeded</c> event per node and instance and one <c>run_succeeded</c>, one result row per executed node at
    /// attempt 1 whose output is the node's output, and the shell nodes' side effects: each ran once, except that
    /// <paramref name="reexecuted"/> nodes ran exactly twice.
    /// </summary>
    public static async Task SameFinalStateAsCrashFreeAsync(AzuriteScheduler scheduler, string runId, FaultTestGraph graph, int reexecuted = 0)
    {
        var store = scheduler.Store;
        Assert.Equal(RunStatus.Succeeded, (await store.GetHeaderAsync(runId))!.Value.Header.Status);

        var nodes = await store.ReadNodesAsync(runId);
        Assert.Equal(graph.Nodes.Order(StringComparer.Ordinal), nodes.Keys.Order(StringComparer.Ordinal));
        Assert.All(nodes.Values, n => Assert.Equal((n.NodeId, NodeStatus.Succeeded, 1), (n.NodeId, n.Status, n.Attempt)));

        var events = await store.ReadEventsAsync(runId, 0, 10_000);
        var succeeded = events.Where(e => e.Type == "node_succeeded").Select(e => e.NodeId!).ToList();
        Assert.Equal(graph.Nodes.Order(StringComparer.Ordinal), succeeded.Order(StringComparer.Ordinal)); // each exactly once
        Assert.Single(events, e => e.Type == "run_succeeded");
        Assert.Equal(events.Select(e => e.Seq).Distinct().Count(), events.Count);

        var results = await store.ReadResultsAsync(runId);
        Assert.Equal(graph.Executed.Order(StringComparer.Ordinal), results.Select(r => r.NodeId).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Equal((r.NodeId, 1, 1, true), (r.NodeId, r.Attempt, r.Iteration, r.Succeeded)));
        foreach (var result in results)
        {
            // The node holds the output of the one recorded result (a re-execution's result never replaces it).
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(result.Output, nodes[result.NodeId].Output), $"{result.NodeId}: node output differs from its result row");
        }

        var executions = (await File.ReadAllLinesAsync(Path.Combine(scheduler.Work, AzuriteScheduler.ExecutionLog)))
            .GroupBy(id => id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.Equal(graph.ShellNodes.Order(StringComparer.Ordinal), executions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(reexecuted, executions.Values.Count(c => c == 2));
        Assert.All(executions, e => Assert.InRange(e.Value, 1, 2));
    }
}
