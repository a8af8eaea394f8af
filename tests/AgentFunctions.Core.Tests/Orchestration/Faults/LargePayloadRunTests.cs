using System.Text;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Tests.Storage;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFunctions.Core.Tests.Orchestration.Faults;

/// <summary>A node output over the queue message and table property limits travels through blobs, end to end on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LargePayloadRunTests(AzuriteFixture azurite)
{
    // big prints {"data":"1-2-…-12000"} (about 61,000 characters); check compares what it reads with the same text and
    // fails unless it is intact. Its work item cannot carry big's output (too large), so its worker reads the node rows.
    private const string Graph = """
        name: large
        nodes:
          big:
            tool: shell
            with:
              command: |
                printf '{"data":"%s"}' "$(seq -s- 1 12000)"
          check:
            tool: shell
            needs: big
            with:
              command: |
                test '${{ nodes.big.output.json.data }}' = "$(seq -s- 1 12000)" && echo intact
        """;

    [Fact]
    public async Task Run_NodeOutputOverQueueAndTableLimits_GoesThroughBlobsAndDownstreamReadsItIntact()
    {
        await using var scheduler = await AzuriteScheduler.StartAsync(azurite.ConnectionString);
        var runId = await scheduler.CreateRunAsync(Graph);

        await scheduler.PumpAsync(runId);

        Assert.Equal(RunStatus.Succeeded, (await scheduler.Store.GetHeaderAsync(runId))!.Value.Header.Status);
        var nodes = await scheduler.Store.ReadNodesAsync(runId);
        var expected = string.Join('-', Enumerable.Range(1, 12000));
        Assert.Equal(expected, nodes["big"].Output!["json"]!["data"]!.GetValue<string>());
        Assert.Equal("intact\n", nodes["check"].Output!["output"]!.GetValue<string>());

        // Too large for a queue message (its completion) and for a table property (its node and result rows) ...
        var output = nodes["big"].Output!.ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(output) > StorageLimits.MaxQueueMessageTextBytes && output.Length > StorageLimits.MaxStringPropertyChars);
        Assert.True(Encoding.UTF8.GetByteCount(output) > 64 * 1024);

        // ... so the rows hold blob references, and the run still read it back unchanged.
        var table = scheduler.Services.GetRequiredService<IStorageAccount>().GetTableClient(scheduler.Store.Options.RunsTable);
        var nodeRow = (await table.GetEntityAsync(runId, RunRowKeys.Node("big")))!;
        Assert.Null(nodeRow["Output"]);
        Assert.NotNull(await scheduler.Store.Payloads.Container.DownloadAsync(nodeRow.GetString("OutputRef")!));
        var resultRow = (await table.GetEntityAsync(runId, RunRowKeys.Result("big", 1)))!;
        Assert.Null(resultRow["Result"]);
        Assert.NotNull(resultRow.GetString("ResultRef"));
        Assert.Equal(expected, (await scheduler.Store.GetResultAsync(runId, "big", 1))!.Output!["json"]!["data"]!.GetValue<string>());
    }
}
