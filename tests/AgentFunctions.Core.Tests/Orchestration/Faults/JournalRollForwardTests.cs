using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.FaultInjection;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Tests.Storage;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFunctions.Core.Tests.Orchestration.Faults;

/// <summary>A step over 100 rows whose writer died between journal chunks is finished by whoever loads the run next.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class JournalRollForwardTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Load_CrashedBetweenJournalChunks_RollsTheStepForwardWithEveryNodeRow()
    {
        var graph = FaultTestGraph.Wide;
        await using var scheduler = await AzuriteScheduler.StartAsync(azurite.ConnectionString);
        scheduler.CrashPoints.Arm(CrashPoints.JournalChunkWritten);
        var runId = await scheduler.CreateRunAsync(graph.Yaml(scheduler.Log), graph.Inputs);

        await scheduler.PumpAsync(runId, stopAtCrash: true);

        // Half-written: the header names a pending journal, and only the first chunk's node rows exist.
        var table = scheduler.Services.GetRequiredService<IStorageAccount>().GetTableClient(scheduler.Store.Options.RunsTable);
        Assert.NotEqual(string.Empty, (await table.GetEntityAsync(runId, RunRowKeys.Header))!.GetString("Journal"));
        Assert.NotNull(await table.GetEntityAsync(runId, RunRowKeys.Journal));
        var before = await scheduler.Store.ReadNodesAsync(runId);
        Assert.InRange(before.Keys.Count(IsInstance), 1, FaultTestGraph.WideInstances - 1);

        var loaded = await scheduler.Store.LoadAsync(runId);

        // The load finished the step: the journal is gone, every instance row is there and scheduled, and what is stored
        // is what the load returned; the outbox (all 120 work items) was not sent yet and is still pending.
        Assert.Equal(string.Empty, (await table.GetEntityAsync(runId, RunRowKeys.Header))!.GetString("Journal"));
        Assert.Null(await table.GetEntityAsync(runId, RunRowKeys.Journal));
        var after = await scheduler.Store.ReadNodesAsync(runId);
        Assert.Equal(FaultTestGraph.WideInstances, after.Keys.Count(IsInstance));
        Assert.All(after.Values.Where(n => IsInstance(n.NodeId)), n => Assert.Equal((NodeStatus.Scheduled, 1), (n.Status, n.Attempt)));
        Assert.Equal(after.ToDictionary(kv => kv.Key, kv => kv.Value.Status), loaded!.Nodes.ToDictionary(kv => kv.Key, kv => kv.Value.Status));
        Assert.Equal(FaultTestGraph.WideInstances, Assert.Single(loaded.Outbox).Messages.Count);

        // And the run carries on from there to the crash-free end.
        await scheduler.PumpAsync(runId);
        await FaultAssertions.SameFinalStateAsCrashFreeAsync(scheduler, runId, graph);
    }

    private static bool IsInstance(string id) => NodeInstanceIds.TryParse(id, out _, out _);
}
