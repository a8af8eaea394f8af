using AgentFunctions.Core.Storage;

namespace AgentFunctions.Core.Tests.Storage;

/// <content>Paged partition queries.</content>
public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task QueryAsync_25RowsPageSize10_ReturnsThreePagesInRowKeyOrder()
    {
        var table = await NewTableAsync();
        var expected = await AddRowsAsync(table, "p", 25);
        await table.AddEntityAsync(Entity("other", "row-00"));

        var first = await table.QueryAsync(new TableQuery("p", PageSize: 10));
        var second = await table.QueryAsync(new TableQuery("p", PageSize: 10), first.ContinuationToken);
        var third = await table.QueryAsync(new TableQuery("p", PageSize: 10), second.ContinuationToken);

        Assert.Equal([10, 10, 5], new[] { first.Items.Count, second.Items.Count, third.Items.Count });
        Assert.NotNull(first.ContinuationToken);
        Assert.NotNull(second.ContinuationToken);
        Assert.Null(third.ContinuationToken);
        Assert.Equal(expected, first.Items.Concat(second.Items).Concat(third.Items).Select(e => e.RowKey));
        Assert.All(first.Items, e => Assert.NotNull(e.ETag));
    }

    [Fact]
    public async Task QueryAllAsync_SmallPages_ReturnsEveryRowInOrder()
    {
        var table = await NewTableAsync();
        var expected = await AddRowsAsync(table, "p", 25);

        var rows = await table.QueryAllAsync(new TableQuery("p", PageSize: 7)).ToListAsync();

        Assert.Equal(expected, rows.Select(e => e.RowKey));
        Assert.Equal(5, rows[5].GetInt64("N"));
    }

    [Fact]
    public async Task QueryAsync_WithPrefix_ReturnsOnlyRowsStartingWithPrefix()
    {
        var table = await NewTableAsync();
        foreach (var rowKey in new[] { "node|a", "node|b", "node}", "nodez", "edge|a", "node" })
        {
            await table.AddEntityAsync(Entity("run1", rowKey));
        }

        var rows = await table.QueryAllAsync(TableQuery.WithPrefix("run1", "node|")).ToListAsync();

        Assert.Equal(["node|a", "node|b"], rows.Select(e => e.RowKey));
    }

    [Fact]
    public async Task QueryAsync_RowKeyRange_IsInclusiveFromAndExclusiveTo()
    {
        var table = await NewTableAsync();
        await AddRowsAsync(table, "p", 6);

        var page = await table.QueryAsync(new TableQuery("p", "row-01", "row-04"));

        Assert.Equal(["row-01", "row-02", "row-03"], page.Items.Select(e => e.RowKey));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task QueryAsync_PartitionKeyWithQuote_IsEscaped()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(Entity("o'brien", "1"));
        await table.AddEntityAsync(Entity("o", "2"));

        var page = await table.QueryAsync(new TableQuery("o'brien"));

        Assert.Equal("1", Assert.Single(page.Items).RowKey);
    }

    [Fact]
    public async Task QueryAsync_EmptyPartition_ReturnsNoRowsAndNoToken()
    {
        var table = await NewTableAsync();

        var page = await table.QueryAsync(new TableQuery("nothing"));

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task QueryAsync_PageSizeOutOfRange_ThrowsArgumentOutOfRange()
    {
        var table = await NewTableAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.QueryAsync(new TableQuery("p", PageSize: 0)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.QueryAsync(new TableQuery("p", PageSize: 1001)));
    }

    private static async Task<List<string>> AddRowsAsync(ITableClient table, string partitionKey, int count)
    {
        // Insert in reverse so that order comes from the store, not from insertion.
        var keys = Enumerable.Range(0, count).Select(i => $"row-{i:D2}").ToList();
        foreach (var i in Enumerable.Range(0, count).Reverse())
        {
            await table.AddEntityAsync(Entity(partitionKey, keys[i], ("N", (long)i)));
        }

        return keys;
    }
}
