using AgentFunctions.Core.Storage;
using Azure;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>Table behaviour every <see cref="IStorageAccount"/> must show; run against the in-memory store and Azurite.
/// This file: single-entity operations; the partial files hold queries, transactions and limits.</summary>
public abstract partial class TableConformanceTests
{
    /// <summary>Gets the account under test.</summary>
    protected abstract IStorageAccount Account { get; }

    [Fact]
    public async Task AddEntity_Duplicate_Throws409EntityAlreadyExists()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(Entity("p", "r", ("A", "1")));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(Entity("p", "r", ("A", "2"))));

        Assert.Equal(409, ex.Status);
        Assert.Equal(StorageErrorCodes.EntityAlreadyExists, ex.ErrorCode);
        Assert.Equal("1", (await table.GetEntityAsync("p", "r"))!.GetString("A"));
    }

    [Fact]
    public async Task GetEntity_Missing_ReturnsNull()
    {
        var table = await NewTableAsync();

        Assert.Null(await table.GetEntityAsync("p", "nobody"));
    }

    [Fact]
    public async Task GetEntity_AfterAdd_ReturnsETagAndTimestamp()
    {
        var table = await NewTableAsync();
        var etag = await table.AddEntityAsync(Entity("p", "r", ("A", "1")));

        var read = await table.GetEntityAsync("p", "r");

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("p", read.PartitionKey);
        Assert.Equal("r", read.RowKey);
    }

    [Fact]
    public async Task UpdateEntity_StaleETag_Throws412AndCurrentETagSucceeds()
    {
        var table = await NewTableAsync();
        var first = await table.AddEntityAsync(Entity("p", "r", ("State", "new")));
        var second = await table.UpdateEntityAsync(Entity("p", "r", ("State", "running")), first);
        Assert.NotEqual(first, second);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(Entity("p", "r", ("State", "stale")), first));
        var third = await table.UpdateEntityAsync(Entity("p", "r", ("State", "done")), second);

        Assert.Equal(412, ex.Status);
        Assert.Equal(StorageErrorCodes.UpdateConditionNotSatisfied, ex.ErrorCode);
        var read = await table.GetEntityAsync("p", "r");
        Assert.Equal("done", read!.GetString("State"));
        Assert.Equal(third, read.ETag);
    }

    [Fact]
    public async Task UpdateEntity_Missing_Throws404ResourceNotFound()
    {
        var table = await NewTableAsync();

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(Entity("p", "r", ("A", "1")), "*"));

        Assert.Equal(404, ex.Status);
        Assert.Equal(StorageErrorCodes.ResourceNotFound, ex.ErrorCode);
    }

    [Fact]
    public async Task UpsertEntity_Merge_KeepsOtherProperties()
    {
        var table = await NewTableAsync();
        await table.UpsertEntityAsync(Entity("p", "r", ("A", "1"), ("B", "2")));

        await table.UpsertEntityAsync(Entity("p", "r", ("B", "two"), ("C", "3")), TableUpdateMode.Merge);

        var read = (await table.GetEntityAsync("p", "r"))!;
        Assert.Equal(["A", "B", "C"], read.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("1", read.GetString("A"));
        Assert.Equal("two", read.GetString("B"));
    }

    [Fact]
    public async Task UpsertEntity_Replace_DropsOtherProperties()
    {
        var table = await NewTableAsync();
        await table.UpsertEntityAsync(Entity("p", "r", ("A", "1"), ("B", "2")));

        await table.UpsertEntityAsync(Entity("p", "r", ("C", "3")), TableUpdateMode.Replace);

        var read = (await table.GetEntityAsync("p", "r"))!;
        Assert.Equal(["C"], read.Properties.Keys);
    }

    [Fact]
    public async Task UpdateEntity_ReplaceWithCurrentETag_DropsOtherProperties()
    {
        var table = await NewTableAsync();
        var etag = await table.AddEntityAsync(Entity("p", "r", ("A", "1"), ("B", "2")));

        await table.UpdateEntityAsync(Entity("p", "r", ("B", "x")), etag, TableUpdateMode.Replace);

        Assert.Equal(["B"], (await table.GetEntityAsync("p", "r"))!.Properties.Keys);
    }

    [Fact]
    public async Task AddEntity_EveryPropertyType_RoundTrips()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "types")
        {
            ["Text"] = "héllo 'quoted' \"json\"",
            ["Flag"] = true,
            ["Small"] = 42,
            ["Negative"] = -7,
            ["Big"] = (1L << 53) + 1,
            ["WholeDouble"] = 1.0,
            ["Fraction"] = 0.1,
            ["When"] = when,
            ["Id"] = id,
            ["Bytes"] = new byte[] { 0, 1, 2, 255 },
        };

        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync("p", "types"))!;

        Assert.Equal("héllo 'quoted' \"json\"", Assert.IsType<string>(read["Text"]));
        Assert.True(Assert.IsType<bool>(read["Flag"]));
        Assert.Equal(42, Assert.IsType<int>(read["Small"]));
        Assert.Equal(-7, Assert.IsType<int>(read["Negative"]));
        Assert.Equal((1L << 53) + 1, Assert.IsType<long>(read["Big"]));
        Assert.Equal(1.0, Assert.IsType<double>(read["WholeDouble"]));
        Assert.Equal(0.1, Assert.IsType<double>(read["Fraction"]));
        Assert.Equal(when, Assert.IsType<DateTimeOffset>(read["When"]));
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)read["When"]!).Offset);
        Assert.Equal(id, Assert.IsType<Guid>(read["Id"]));
        Assert.Equal([0, 1, 2, 255], Assert.IsType<byte[]>(read["Bytes"]));
    }

    [Fact]
    public async Task GetEntity_KeysWithQuotesSpacesAndUnicode_RoundTrip()
    {
        var table = await NewTableAsync();
        const string pk = "run 'a'+b=c&d";
        const string rk = "nödé:1 ~%20";
        var etag = await table.AddEntityAsync(Entity(pk, rk, ("A", "1")));

        var read = await table.GetEntityAsync(pk, rk);
        var etag2 = await table.UpdateEntityAsync(Entity(pk, rk, ("A", "2")), etag);
        var page = await table.QueryAsync(new TableQuery(pk));
        await table.DeleteEntityAsync(pk, rk, etag2);

        Assert.Equal(rk, read!.RowKey);
        Assert.Equal(pk, read.PartitionKey);
        Assert.Equal("2", Assert.Single(page.Items).GetString("A"));
        Assert.Null(await table.GetEntityAsync(pk, rk));
    }

    [Fact]
    public async Task DeleteEntity_Absent_DoesNotThrow()
    {
        var table = await NewTableAsync();

        await table.DeleteEntityAsync("p", "absent");
        await table.DeleteEntityAsync("p", "absent", "W/\"datetime'2020-01-01T00%3A00%3A00Z'\"");
    }

    [Fact]
    public async Task DeleteEntity_StaleETag_Throws412AndKeepsEntity()
    {
        var table = await NewTableAsync();
        var first = await table.AddEntityAsync(Entity("p", "r", ("A", "1")));
        await table.UpsertEntityAsync(Entity("p", "r", ("A", "2")));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", first));

        Assert.Equal(412, ex.Status);
        Assert.NotNull(await table.GetEntityAsync("p", "r"));
        await table.DeleteEntityAsync("p", "r");
        Assert.Null(await table.GetEntityAsync("p", "r"));
    }

    [Fact]
    public async Task AddEntity_TableNotCreated_Throws404TableNotFound()
    {
        var table = Account.GetTableClient(UniqueName());

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(Entity("p", "r")));

        Assert.Equal(404, ex.Status);
        Assert.Equal(StorageErrorCodes.TableNotFound, ex.ErrorCode);
    }

    [Fact]
    public async Task GetEntity_TableNotCreated_Throws404TableNotFoundInsteadOfNull()
    {
        var table = Account.GetTableClient(UniqueName());

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "r"));

        Assert.Equal(404, ex.Status);
        Assert.Equal(StorageErrorCodes.TableNotFound, ex.ErrorCode);
    }

    [Fact]
    public async Task CreateIfNotExists_Twice_KeepsEntities()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(Entity("p", "r"));

        await table.CreateIfNotExistsAsync();

        Assert.NotNull(await table.GetEntityAsync("p", "r"));
    }

    protected async Task<ITableClient> NewTableAsync()
    {
        var table = Account.GetTableClient(UniqueName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    protected static string UniqueName() => "t" + Guid.NewGuid().ToString("N")[..20];

    protected static TableEntity Entity(string partitionKey, string rowKey, params (string Name, object Value)[] properties)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in properties)
        {
            entity[name] = value;
        }

        return entity;
    }
}
