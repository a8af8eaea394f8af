using AgentFunctions.Core.Storage;

namespace AgentFunctions.Core.Tests.Storage;

/// <content>Entity-group transactions.</content>
public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task SubmitTransaction_ThreeActions_CommitsAllAndReturnsETags()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(Entity("run", "parent", ("Pending", 2), ("Name", "p")));
        await table.AddEntityAsync(Entity("run", "old"));

        var etags = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("run", "child", ("State", "ready"))),
            new(TableTransactionActionType.UpdateMerge, Entity("run", "parent", ("Pending", 1))),
            new(TableTransactionActionType.Delete, Entity("run", "old")),
        ]);

        Assert.Equal(3, etags.Count);
        Assert.Null(etags[2]);
        var child = await table.GetEntityAsync("run", "child");
        var parent = await table.GetEntityAsync("run", "parent");
        Assert.Equal(etags[0], child!.ETag);
        Assert.Equal(etags[1], parent!.ETag);
        Assert.Equal(1, parent.GetInt64("Pending"));
        Assert.Equal("p", parent.GetString("Name"));
        Assert.Null(await table.GetEntityAsync("run", "old"));
    }

    [Fact]
    public async Task SubmitTransaction_ConflictingInsert_AppliesNothingAndReportsIndex()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(Entity("run", "exists", ("V", "original")));

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("run", "a")),
            new(TableTransactionActionType.UpsertReplace, Entity("run", "b")),
            new(TableTransactionActionType.Add, Entity("run", "exists", ("V", "changed"))),
            new(TableTransactionActionType.Add, Entity("run", "c")),
        ]));

        Assert.Equal(409, ex.Status);
        Assert.Equal(StorageErrorCodes.EntityAlreadyExists, ex.ErrorCode);
        Assert.Equal(2, ex.FailedActionIndex);
        Assert.Null(await table.GetEntityAsync("run", "a"));
        Assert.Null(await table.GetEntityAsync("run", "b"));
        Assert.Equal("original", (await table.GetEntityAsync("run", "exists"))!.GetString("V"));
    }

    [Fact]
    public async Task SubmitTransaction_StaleETag_Throws412AndAppliesNothing()
    {
        var table = await NewTableAsync();
        var stale = await table.AddEntityAsync(Entity("run", "sentinel", ("Step", 1)));
        await table.UpsertEntityAsync(Entity("run", "sentinel", ("Step", 2)));

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("run", "history-1")),
            new(TableTransactionActionType.UpdateMerge, Entity("run", "sentinel", ("Step", 3)), stale),
        ]));

        Assert.Equal(412, ex.Status);
        Assert.Equal(1, ex.FailedActionIndex);
        Assert.Null(await table.GetEntityAsync("run", "history-1"));
        Assert.Equal(2, (await table.GetEntityAsync("run", "sentinel"))!.GetInt64("Step"));
    }

    [Fact]
    public async Task SubmitTransaction_DeleteOfMissingEntity_Throws404AndAppliesNothing()
    {
        var table = await NewTableAsync();

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpsertMerge, Entity("run", "a")),
            new(TableTransactionActionType.Delete, Entity("run", "missing")),
        ]));

        Assert.Equal(404, ex.Status);
        Assert.Equal(1, ex.FailedActionIndex);
        Assert.Null(await table.GetEntityAsync("run", "a"));
    }

    [Fact]
    public async Task SubmitTransaction_BrokenBatchRules_ThrowArgumentException()
    {
        var table = await NewTableAsync();
        var tooMany = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Entity("p", $"r{i}"))).ToList();
        var mixed = new List<TableTransactionAction> { new(TableTransactionActionType.Add, Entity("p", "1")), new(TableTransactionActionType.Add, Entity("q", "2")) };
        var duplicate = new List<TableTransactionAction> { new(TableTransactionActionType.Add, Entity("p", "1")), new(TableTransactionActionType.Delete, Entity("p", "1")) };

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(tooMany));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(mixed));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(duplicate));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        Assert.Empty(await table.QueryAllAsync(new TableQuery("p")).ToListAsync());
    }

    [Fact]
    public async Task SubmitTransaction_100Actions_Commits()
    {
        var table = await NewTableAsync();
        var actions = Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity("p", $"r{i:D3}", ("I", i)))).ToList();

        var etags = await table.SubmitTransactionAsync(actions);

        Assert.Equal(100, etags.Count);
        Assert.All(etags, Assert.NotNull);
        Assert.Equal(100, (await table.QueryAllAsync(new TableQuery("p")).ToListAsync()).Count);
    }

    [Fact]
    public async Task SubmitTransaction_OversizedEntity_ThrowsWithIndexBeforeSending()
    {
        var table = await NewTableAsync();

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("p", "ok")),
            new(TableTransactionActionType.Add, Entity("p", "big", ("S", new string('x', StorageLimits.MaxStringPropertyChars + 1)))),
        ]));

        Assert.Equal(400, ex.Status);
        Assert.Equal(StorageErrorCodes.PropertyValueTooLarge, ex.ErrorCode);
        Assert.Equal(1, ex.FailedActionIndex);
        Assert.Null(await table.GetEntityAsync("p", "ok"));
    }
}
