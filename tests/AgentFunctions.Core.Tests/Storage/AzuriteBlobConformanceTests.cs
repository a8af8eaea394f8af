using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.Azure;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>The blob conformance suite against <see cref="AzureStorageAccount"/> on a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteBlobConformanceTests(AzuriteFixture azurite) : BlobConformanceTests
{
    protected override IStorageAccount Account { get; } = new AzureStorageAccount(azurite.ConnectionString);
}
