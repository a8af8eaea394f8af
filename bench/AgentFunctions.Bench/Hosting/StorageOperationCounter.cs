using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AgentFunctions.Bench.Hosting;

/// <summary>
/// An Azure.Core per-call policy (<c>AzureStorageAccountOptions.PerCallPolicies</c>) that counts every storage operation
/// the app makes, by kind (queue put, table batch, …), with its time. A retried request counts once; an empty queue
/// receive (a poll that found nothing) is counted apart, as <c>queue get (empty)</c>.
/// </summary>
internal sealed class StorageOperationCounter(int queuePort, int tablePort) : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, OperationTally> _tallies = new(StringComparer.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Count(message, Stopwatch.GetElapsedTime(started));
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline);
        Count(message, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Copies the counts so far (subtract two snapshots to get one run's operations).</summary>
    public OperationCounts Snapshot() =>
        new(_tallies.ToDictionary(kv => kv.Key, kv => (kv.Value.Count, kv.Value.Ticks), StringComparer.Ordinal));

    private void Count(HttpMessage message, TimeSpan elapsed)
    {
        var kind = Classify(message);
        var tally = _tallies.GetOrAdd(kind, _ => new OperationTally());
        Interlocked.Increment(ref tally.Count);
        Interlocked.Add(ref tally.Ticks, elapsed.Ticks);
    }

    private string Classify(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var method = request.Method.Method;
        var status = message.HasResponse ? message.Response.Status : 0;
        string kind;
        if (uri.Port == queuePort)
        {
            kind = (method, path.EndsWith("/messages", StringComparison.Ordinal), path.Contains("/messages/", StringComparison.Ordinal)) switch
            {
                ("POST", true, _) => "queue put",
                ("GET", true, _) when uri.Query.Contains("peekonly", StringComparison.OrdinalIgnoreCase) => "queue peek",
                ("GET", true, _) => status == 200 && !message.Response.Content.ToString().Contains("<QueueMessage>", StringComparison.Ordinal)
                    ? "queue get (empty)" : "queue get",
                ("DELETE", _, true) => "queue delete",
                ("PUT", _, true) => "queue update visibility",
                _ => "queue other",
            };
        }
        else if (uri.Port == tablePort)
        {
            var entity = path.Contains("(PartitionKey=", StringComparison.Ordinal);
            kind = method switch
            {
                _ when path.EndsWith("$batch", StringComparison.Ordinal) => "table batch (entity-group transaction)",
                "GET" when entity => "table point read",
                "GET" => "table query (page)",
                "POST" when path.EndsWith("/Tables", StringComparison.Ordinal) => "table create",
                "POST" => "table insert",
                "PUT" => request.Headers.Contains("If-Match") ? "table update" : "table upsert",
                "MERGE" or "PATCH" => request.Headers.Contains("If-Match") ? "table merge" : "table upsert (merge)",
                "DELETE" => "table delete",
                _ => "table other",
            };
        }
        else
        {
            kind = method switch
            {
                "PUT" => "blob put",
                "GET" => "blob get",
                "HEAD" => "blob head",
                _ => "blob other",
            };
        }

        return status is >= 200 and < 300 or 0 ? kind : $"{kind} → {status}";
    }

    private sealed class OperationTally
    {
        public long Count;
        public long Ticks;
    }
}
