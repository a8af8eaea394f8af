using Azure.Core;
using Azure.Core.Pipeline;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>A per-call pipeline policy that counts storage operations (as a benchmark would).</summary>
public sealed class CountingPolicy : HttpPipelineSynchronousPolicy
{
    private int _count;

    /// <summary>Gets how many operations went through the pipeline.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc/>
    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
