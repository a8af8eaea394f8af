using AgentFunctions.Core.Storage.Azure;
using AgentFunctions.TestSupport;
using Azure;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>Shows that Azurite checks our Shared Key signatures: the right key works (the conformance suites), a wrong key gets 403.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteAuthenticationTests(AzuriteFixture azurite)
{
    private readonly AzureStorageAccount _wrongKey = new AzureStorageAccount(
        azurite.ConnectionString.Replace(StorageConnectionString.DevelopmentAccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal),
        new AzureStorageAccountOptions { MaxRetries = 0 });

    [Fact]
    public async Task CreateQueue_WrongKey_Throws403()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => _wrongKey.GetQueueClient("auth-check").CreateIfNotExistsAsync());

        Assert.Equal(403, ex.Status);
    }

    [Fact]
    public async Task CreateTable_WrongKey_Throws403()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => _wrongKey.GetTableClient("authcheck").CreateIfNotExistsAsync());

        Assert.Equal(403, ex.Status);
    }

    [Fact]
    public async Task CreateContainer_WrongKey_Throws403()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => _wrongKey.GetBlobContainerClient("auth-check").CreateIfNotExistsAsync());

        Assert.Equal(403, ex.Status);
    }
}
