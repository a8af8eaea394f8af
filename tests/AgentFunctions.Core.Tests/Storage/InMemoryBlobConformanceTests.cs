using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.InMemory;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>The blob conformance suite against <see cref="InMemoryStorageAccount"/>.</summary>
public sealed class InMemoryBlobConformanceTests : BlobConformanceTests
{
    protected override IStorageAccount Account { get; } = new InMemoryStorageAccount();
}
