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
    /// <summary>
    /// Which runs each point crashes, and at which of its hits. The diamond's steps: 1 start → a; 2 a done → b, c; 3 b and c
    /// done → d; 4 d done → run succeeded (its work items run a, b, c, d in that order). The wide graph's step 2 is the
    /// 121-row expansion with 120 work items.
    /// </summary>
    private static readonly Dictionary<string, Scenario[]> s_scenarios = new(StringComparer.Ordinal)
    {
        [CrashPoints.OrchestratorLoaded] =
        [
            new("diamond", 1),                   // the start step (it creates the node rows), before it commits
            new("diamond", 2),                   // the step applying a's completion, before it commits
        ],
        [CrashPoints.OrchestratorCommitted] =
        [
            new("diamond", 2),                   // b and c scheduled and committed, neither work item sent
            new("diamond", 4),                   // the run's success committed; d's completion comes back to a finished run
        ],
        [CrashPoints.OutboxMessageSent] =
        [
            new("diamond", 2),                   // b's work item sent, c's not, outbox row still there
            new("wide", 50),                     // 49 of the expansion's 120 work items sent: all 120 are sent again
        ],
        [CrashPoints.OutboxSent] = [new("diamond", 2)],          // both sent, outbox row not deleted: they are sent again
        [CrashPoints.OrchestratorStepDone] =
        [
            new("diamond", 2),                   // the step is done, a's completion comes back
            new("diamond", 4),                   // the run is done, d's completion comes back
        ],
        [CrashPoints.JournalBegun] = [new("wide", 1)],           // header, outbox and journal written, no node row
        [CrashPoints.JournalChunkWritten] = [new("wide", 1)],    // 98 of the 121 node rows written
        [CrashPoints.WorkerMarkedRunning] = [new("diamond", 2)], // b marked running by this delivery, never executed
        [CrashPoints.WorkerExecuted] = [new("diamond", 1, Reexecuted: 1)], // a ran, its result is lost with the process: a runs again
        [CrashPoints.WorkerResultStored] =
        [
            new("diamond", 2),                   // b's result stored, completion not sent: the redelivery re-sends it
            new("diamond", 4),                   // the same for d, whose completion ends the run
        ],
        [CrashPoints.WorkerCompletionSent] = [new("diamond", 4)], // d's completion (the run's last) sent, work item comes back after the run ended
    };

    /// <summary>Every scenario of every point; a point without a scenario gets one that fails.</summary>
    public static TheoryData<string, string, int, int> Scenarios
    {
        get
        {
            var data = new TheoryData<string, string, int, int>();
            foreach (var point in CrashPoints.All)
            {
                foreach (var scenario in s_scenarios.GetValueOrDefault(point) ?? [new Scenario("none", 0)])
                {
                    data.Add(point, scenario.Graph, scenario.Hit, scenario.Reexecuted);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Run_ProcessDiesAtStepBoundary_EndsAsCrashFreeWithEachResultRecordedOnce(string point, string graphName, int hit, int reexecuted)
    {
        Assert.True(hit > 0, $"Crash point '{point}' has no scenario here: add one.");
        var graph = FaultTestGraph.Named(graphName);
        await using var scheduler = await AzuriteScheduler.StartAsync(azurite.ConnectionString);
        scheduler.CrashPoints.Arm(point, hit);

        var runId = await scheduler.CreateRunAsync(graph.Yaml(scheduler.Log), graph.Inputs);
        await scheduler.PumpAsync(runId);

        var crash = Assert.Single(scheduler.Crashes);
        Assert.Equal((point, hit), (crash.Point, crash.HitNumber));
        await FaultAssertions.SameFinalStateAsCrashFreeAsync(scheduler, runId, graph, reexecuted);
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
