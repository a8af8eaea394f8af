using System.Diagnostics;
using AgentFunctions.Bench.Report;
using AgentFunctions.Cli.Local;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace AgentFunctions.Bench.Scenarios;

/// <summary>
/// Azurite's raw ceiling on this machine: the simplest operations through the same Azure SDK clients the app and the
/// Durable Task backend use, one at a time and with <see cref="Concurrency"/> in flight, on a fresh Azurite.
/// </summary>
internal sealed class AzuriteCeiling(string root)
{
    private const int Count = 400;
    private const int Concurrency = 16;

    public async Task<List<CeilingMeasurement>> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine("==> Azurite's raw ceiling");
        await using var azurite = await AzuriteProcess.StartAsync(root, cancellationToken);
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("ceiling");
        await table.CreateIfNotExistsAsync(cancellationToken);
        var queue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient("ceiling");
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var results = new List<CeilingMeasurement>
        {
            await LoopAsync("table insert", i => table.AddEntityAsync(new TableEntity("p", $"k{i:D6}"), cancellationToken), cancellationToken),
            await LoopAsync("table point read", i => table.GetEntityAsync<TableEntity>("p", $"k{i % Count:D6}", cancellationToken: cancellationToken), cancellationToken),
            await LoopAsync("queue put", i => queue.SendMessageAsync("m", cancellationToken), cancellationToken),
            await LoopAsync("queue get + delete", async i =>
            {
                var message = await queue.ReceiveMessageAsync(cancellationToken: cancellationToken);
                if (message.Value is { } m)
                {
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, cancellationToken);
                }
            }, cancellationToken, opsPerCall: 2),
        };
        foreach (var r in results)
        {
            Console.WriteLine($"    {r.Operation}: {r.SequentialOpsPerSecond:N0}/s one at a time, {r.ConcurrentOpsPerSecond:N0}/s with {r.Concurrency} in flight");
        }

        return results;
    }

    private static async Task<CeilingMeasurement> LoopAsync(string name, Func<int, Task> op, CancellationToken cancellationToken, int opsPerCall = 1)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            await op(i);
        }

        var sequential = Count * opsPerCall / clock.Elapsed.TotalSeconds;
        var next = Count - 1;
        clock.Restart();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < 2 * Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await op(i);
            }
        }));
        return new CeilingMeasurement(name, Count, sequential, Count * opsPerCall / clock.Elapsed.TotalSeconds, Concurrency);
    }
}
