using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.InMemory;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>The table conformance suite against <see cref="InMemoryStorageAccount"/>.</summary>
public sealed class InMemoryTableConformanceTests : TableConformanceTests
{
    protected override IStorageAccount Account { get; } = new InMemoryStorageAccount();
}
