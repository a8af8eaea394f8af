using AgentFunctions.Core.Hosting;
using AgentFunctions.Core.Tests.Storage;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFunctions.Core.Tests.Orchestration.Faults;

/// <summary>
/// A work item whose lease expires while its node still runs is delivered again (same message id) and runs a second time
/// at once: the node legitimately executes twice, but only the first result written is recorded, everywhere.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LeaseExpiryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WorkItem_SameDeliveryRunningTwiceAtOnce_FirstResultWrittenIsTheOneRecorded()
    {
        await using var scheduler = await AzuriteScheduler.StartAsync(azurite.ConnectionString);

        // Each execution prints its own process id, so the two results differ; the first one written must be the one recorded.
        var yaml = $"name: slow\nnodes:\n  slow:\n    tool: shell\n    with: {{ command: 'echo $AF_NODE_ID >> {scheduler.Log}; sleep 1; echo pid-$$' }}\n";
        var runId = await scheduler.CreateRunAsync(yaml);
        await scheduler.StepOrchestratorAsync();
        var queue = scheduler.Store.Queue(scheduler.Store.Options.WorkItemQueue);
        var message = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
        var inbound = new InboundMessage(message.MessageId, message.MessageText, message.DequeueCount);

        // The second delivery starts while the first one's node is running (it has logged, and sleeps for a second).
        var handlers = scheduler.Services.GetRequiredService<QueueHandlers>();
        var first = handlers.HandleWorkItemAsync(inbound);
        while (!File.Exists(scheduler.Log) && !first.IsCompleted)
        {
            await Task.Delay(10);
        }

        var outcomes = await Task.WhenAll(first, handlers.HandleWorkItemAsync(inbound with { DequeueCount = 2 }));
        Assert.All(outcomes, o => Assert.Equal(MessageDisposition.Completed, o.Disposition));
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        await scheduler.PumpAsync(runId);

        var graph = new FaultTestGraph("slow", _ => yaml, null, ["slow"], ["slow"], ["slow"]);
        await FaultAssertions.SameFinalStateAsCrashFreeAsync(scheduler, runId, graph, reexecuted: 1);
    }
}
