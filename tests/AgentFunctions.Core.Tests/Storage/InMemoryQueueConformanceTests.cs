using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.InMemory;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>The queue conformance suite against <see cref="InMemoryStorageAccount"/> with a manual clock.</summary>
public sealed class InMemoryQueueConformanceTests : QueueConformanceTests
{
    private readonly ManualTimeProvider _time = new();

    public InMemoryQueueConformanceTests() => Account = new InMemoryStorageAccount(_time);

    protected override IStorageAccount Account { get; }

    protected override Task AdvanceAsync(TimeSpan delta)
    {
        _time.Advance(delta);
        return Task.CompletedTask;
    }
}
