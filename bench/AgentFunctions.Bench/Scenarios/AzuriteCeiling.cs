using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AgentFunctions.Bench.Report;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.Azure;

namespace AgentFunctions.Bench.Scenarios;

/// <summary>
/// Azurite's raw speed with the app's own storage clients, as the ceiling the scheduler runs under: loops of single
/// operations (queue put, get of one message, delete; table insert, point read, a 10-row entity-group transaction),
/// once with one operation in flight and once with <see cref="Concurrency"/> in flight.
/// </summary>
internal sealed class AzuriteCeiling(string connectionString, int count)
{
    public const int Concurrency = 8;
    private const string Payload = "{\"kind\":\"node.execute\",\"runId\":\"run-20260101-000000-0123abcd\",\"nodeId\":\"w00001\",\"attempt\":1}";

    public async Task<IReadOnlyList<CeilingMeasurement>> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"==> Azurite raw operations ({count} per loop)");
        var account = new AzureStorageAccount(connectionString);
        var results = new List<CeilingMeasurement>();
        foreach (var (name, sequential, concurrent) in await MeasureAllAsync(account, cancellationToken))
        {
            results.Add(new CeilingMeasurement(name, count, sequential, concurrent, Concurrency));
            Console.WriteLine($"    {name,-38} {sequential,7:N0} ops/s (1 in flight)  {concurrent,7:N0} ops/s ({Concurrency} in flight)");
        }

        return results;
    }

    private async Task<List<(string Name, double Sequential, double Concurrent)>> MeasureAllAsync(AzureStorageAccount account, CancellationToken cancellationToken)
    {
        var rows = new List<(string, double, double)>();
        foreach (var parallel in new[] { 1, Concurrency })
        {
            var tag = parallel.ToString(CultureInfo.InvariantCulture);
            var queue = account.GetQueueClient($"ceiling-{tag}");
            var table = account.GetTableClient($"Ceiling{tag}");
            await queue.CreateIfNotExistsAsync(cancellationToken);
            await table.CreateIfNotExistsAsync(cancellationToken);
            var received = new ConcurrentBag<QueueMessage>();
            var measured = new List<(string, double)>
            {
                ("queue put", await RateAsync(parallel, _ => queue.SendMessageAsync(Payload, cancellationToken: cancellationToken))),
                ("queue get (1 message)", await RateAsync(parallel, async _ =>
                {
                    foreach (var m in await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5), cancellationToken))
                    {
                        received.Add(m);
                    }
                })),
                ("queue delete", await RateAsync(parallel, async _ =>
                {
                    if (received.TryTake(out var m))
                    {
                        await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, cancellationToken);
                    }
                })),
                ("table insert", await RateAsync(parallel, i => table.AddEntityAsync(Row("p", Key(i)), cancellationToken))),
                ("table point read", await RateAsync(parallel, i => table.GetEntityAsync("p", Key(i), cancellationToken))),
                ("table batch of 10 upserts (1 partition)", await RateAsync(parallel, i => table.SubmitTransactionAsync(
                    [.. Enumerable.Range(0, 10).Select(j => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row("b" + Key(i), Key(j))))],
                    cancellationToken))),
            };
            for (var i = 0; i < measured.Count; i++)
            {
                if (parallel == 1)
                {
                    rows.Add((measured[i].Item1, measured[i].Item2, 0));
                }
                else
                {
                    rows[i] = (rows[i].Item1, rows[i].Item2, measured[i].Item2);
                }
            }
        }

        return rows;
    }

    private static string Key(int i) => i.ToString("D6", CultureInfo.InvariantCulture);

    private static TableEntity Row(string partition, string row) => new(partition, row)
    {
        ["Status"] = "succeeded",
        ["Attempt"] = 1,
        ["Output"] = "{}",
        ["StartedAt"] = DateTimeOffset.UtcNow,
    };

    private async Task<double> RateAsync(int parallel, Func<int, Task> operation)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await operation(i);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }
}
