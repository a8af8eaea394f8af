using AgentFunctions.Core.Orchestration.FaultInjection;
using AgentFunctions.Core.Tests.Storage;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Orchestration.Faults;

/// <summary>
/// The process dies at every step boundary of the orchestrator and the worker (<see cref="CrashPoints.All"/>), on a real
/// Azurite: after a restart and redelivery each run ends exactly as a crash-free run does, and each node's result is
/// recorded exactly once. Only a crash after a node executed and before its result row is written
/// (<see cref="CrashPoints.WorkerExecuted"/>) runs that node again; every other point leaves each side effect at one.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrashInjectionTests(AzuriteFixture azurite)
{
    /// <summary>Which run each point crashes, and at which of its hits (the diamond's steps: start, a done → b and c, b/c done, d done).</summary>
    private static readonly Dictionary<string, Scenario> s_scenarios = new(StringComparer.Ordinal)
    {
        [CrashPoints.OrchestratorLoaded] = new("diamond", 2),     // the step applying a's completion, before it commits
        [CrashPoints.OrchestratorCommitted] = new("diamond", 2),  // b and c scheduled and committed, neither work item sent
        [CrashPoints.OutboxMessageSent] = new("diamond", 2),      // b's work item sent, c's not, outbox row still there
        [CrashPoints.OutboxSent] = new("diamond", 2),             // both sent, outbox row not deleted: they are sent again
        [CrashPoints.OrchestratorStepDone] = new("diamond", 2),   // the step is done, a's completion comes back
        [CrashPoints.JournalBegun] = new("wide", 1),              // the 121-row expansion: header, outbox and journal written, no node row
        [CrashPoints.JournalChunkWritten] = new("wide", 1),       // 98 of its 121 node rows written
        [CrashPoints.WorkerMarkedRunning] = new("diamond", 2),    // b marked running by this delivery, never executed
        [CrashPoints.WorkerExecuted] = new("diamond", 1, Reexecuted: 1), // a ran, its result is lost with the process: a runs again
        [CrashPoints.WorkerResultStored] = new("diamond", 2),     // b's result stored, completion not sent: the redelivery re-sends it
        [CrashPoints.WorkerCompletionSent] = new("diamond", 4),   // d's completion (the run's last) sent, work item comes back after the run ended
    };

    public static TheoryData<string> Points
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var point in CrashPoints.All)
            {
                data.Add(point);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Points))]
    public async Task Run_ProcessDiesAtStepBoundary_EndsAsCrashFreeWithEachResultRecordedOnce(string point)
    {
        Assert.True(s_scenarios.TryGetValue(point, out var scenario), $"Crash point '{point}' has no scenario here: add one.");
        var graph = FaultTestGraph.Named(scenario.Graph);
        await using var scheduler = await AzuriteScheduler.StartAsync(azurite.ConnectionString);
        scheduler.CrashPoints.Arm(point, scenario.Hit);

        var runId = await scheduler.CreateRunAsync(graph.Yaml(scheduler.Log), graph.Inputs);
        await scheduler.PumpAsync(runId);

        var crash = Assert.Single(scheduler.Crashes);
        Assert.Equal((point, scenario.Hit), (crash.Point, crash.HitNumber));
        await FaultAssertions.SameFinalStateAsCrashFreeAsync(scheduler, runId, graph, scenario.Reexecuted);
    }

    [Fact]
    public void Scenarios_CoverExactlyTheCrashPoints() =>
        Assert.Equal(CrashPoints.All.Order(StringComparer.Ordinal), s_scenarios.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("diamond")]
    [InlineData("wide")]
    public async Task Run_NoCrash_MeetsTheSameExpectations(string name)
    {
        var graph = FaultTestGraph.Named(name);
        await using var scheduler = await AzuriteScheduler.StartAsync(azurite.ConnectionString);

        var runId = await scheduler.CreateRunAsync(graph.Yaml(scheduler.Log), graph.Inputs);
        await scheduler.PumpAsync(runId);

        Assert.Empty(scheduler.Crashes);
        await FaultAssertions.SameFinalStateAsCrashFreeAsync(scheduler, runId, graph);
    }

    [Theory]
    [InlineData("diamond")]
    [InlineData("wide")]
    public async Task Run_EveryMessageDeliveredTwice_SameFinalStateAndEachResultRecordedOnce(string name)
    {
        var graph = FaultTestGraph.Named(name);
        await using var scheduler = await AzuriteScheduler.StartAsync(azurite.ConnectionString);

        var runId = await scheduler.CreateRunAsync(graph.Yaml(scheduler.Log), graph.Inputs);
        await scheduler.PumpAsync(runId, duplicate: true);

        await FaultAssertions.SameFinalStateAsCrashFreeAsync(scheduler, runId, graph);
    }

    private sealed record Scenario(string Graph, int Hit, int Reexecuted = 0);
}
