using Azure.Core;
using Azure.Core.Pipeline;

namespace AgentFunctions.Bench.Engine;

/// <summary>
/// Counts the storage requests of the app's clients and of the Durable Task Azure Storage backend (an Azure.Core per-call
/// policy, so a request the pipeline retries counts once). Requests made inside <see cref="Unobserved"/> — the harness's
/// own polling for a run's end — are not counted.
/// </summary>
internal sealed class RequestCounter : HttpPipelinePolicy
{
    private static readonly AsyncLocal<bool> Ignored = new();
    private long _queue;
    private long _table;
    private long _blob;

    public long Total => Queue + Table + Blob;

    public long Queue => Interlocked.Read(ref _queue);

    public long Table => Interlocked.Read(ref _table);

    public long Blob => Interlocked.Read(ref _blob);

    /// <summary>Marks the calling async flow as the harness's own (its requests are not counted) until disposed.</summary>
    public static IDisposable Unobserved()
    {
        Ignored.Value = true;
        return new Scope();
    }

    public (long Queue, long Table, long Blob) Snapshot() => (Queue, Table, Blob);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        if (Ignored.Value)
        {
            return;
        }

        // Azurite serves each service on its own port, path-style: /devstoreaccount1/<queue|table|container>…
        var uri = message.Request.Uri.ToUri();
        var host = uri.Host;
        if (host.Contains(".queue.", StringComparison.Ordinal) || uri.Port is >= 0 && QueuePorts.Contains(uri.Port))
        {
            Interlocked.Increment(ref _queue);
        }
        else if (host.Contains(".table.", StringComparison.Ordinal) || uri.Port is >= 0 && TablePorts.Contains(uri.Port))
        {
            Interlocked.Increment(ref _table);
        }
        else
        {
            Interlocked.Increment(ref _blob);
        }
    }

    /// <summary>Gets the queue service ports of the Azurite instances counted.</summary>
    public HashSet<int> QueuePorts { get; } = [];

    /// <summary>Gets the table service ports of the Azurite instances counted.</summary>
    public HashSet<int> TablePorts { get; } = [];

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Ignored.Value = false;
    }
}
