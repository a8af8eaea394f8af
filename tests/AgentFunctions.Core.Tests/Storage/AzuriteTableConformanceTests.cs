using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.Azure;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>The table conformance suite against <see cref="AzureStorageAccount"/> on a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteTableConformanceTests : TableConformanceTests
{
    private readonly CountingPolicy _requests = new();

    public AzuriteTableConformanceTests(AzuriteFixture azurite)
    {
        var options = new AzureStorageAccountOptions();
        options.PerCallPolicies.Add(_requests);
        Account = new AzureStorageAccount(azurite.ConnectionString, options);
    }

    protected override IStorageAccount Account { get; }

    [Fact]
    public async Task AddEntity_Over1MiB_SendsNoRequest()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            entity[$"Part{i}"] = new string('x', 32_000);
        }

        var before = _requests.Count;
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => table.AddEntityAsync(entity));

        Assert.Equal(before, _requests.Count);
    }

    [Fact]
    public async Task SubmitTransaction_ThreeActions_IsOneRequest()
    {
        var table = await NewTableAsync();
        var before = _requests.Count;

        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("p", "1")),
            new(TableTransactionActionType.Add, Entity("p", "2")),
            new(TableTransactionActionType.UpsertMerge, Entity("p", "3")),
        ]);

        Assert.Equal(before + 1, _requests.Count);
    }
}
