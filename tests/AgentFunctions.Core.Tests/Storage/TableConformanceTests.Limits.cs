using AgentFunctions.Core.Storage;
using Azure;

namespace AgentFunctions.Core.Tests.Storage;

/// <content>Client-side size and key limits, identical for every implementation.</content>
public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task AddEntity_StringOf32768Chars_RoundTrips()
    {
        var table = await NewTableAsync();
        var text = new string('s', StorageLimits.MaxStringPropertyChars);

        await table.AddEntityAsync(Entity("p", "r", ("S", text)));

        Assert.Equal(text, (await table.GetEntityAsync("p", "r"))!.GetString("S"));
    }

    [Fact]
    public async Task AddEntity_StringOf32769Chars_Throws400PropertyValueTooLarge()
    {
        var table = await NewTableAsync();

        var ex = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.AddEntityAsync(Entity("p", "r", ("S", new string('s', StorageLimits.MaxStringPropertyChars + 1)))));

        Assert.Equal(400, ex.Status);
        Assert.Equal(StorageErrorCodes.PropertyValueTooLarge, ex.ErrorCode);
        Assert.Null(await table.GetEntityAsync("p", "r"));
    }

    [Fact]
    public async Task UpsertEntity_BinaryOver64KiB_Throws400PropertyValueTooLarge()
    {
        var table = await NewTableAsync();

        var ex = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpsertEntityAsync(Entity("p", "r", ("B", new byte[StorageLimits.MaxBinaryPropertyBytes + 1]))));

        Assert.Equal(400, ex.Status);
        Assert.Equal(StorageErrorCodes.PropertyValueTooLarge, ex.ErrorCode);
    }

    [Fact]
    public async Task AddEntity_Over1MiB_Throws400EntityTooLarge()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            entity[$"Part{i}"] = new string('x', 32_000);
        }

        Assert.True(StorageLimitChecks.EntitySize(entity) > StorageLimits.MaxEntityBytes);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(entity));

        Assert.Equal(400, ex.Status);
        Assert.Equal(StorageErrorCodes.EntityTooLarge, ex.ErrorCode);
        Assert.Null(await table.GetEntityAsync("p", "r"));
    }

    [Fact]
    public async Task AddEntity_TooManyProperties_Throws400TooManyProperties()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r");
        for (var i = 0; i <= StorageLimits.MaxEntityProperties; i++)
        {
            entity[$"P{i}"] = i;
        }

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(entity));

        Assert.Equal(400, ex.Status);
        Assert.Equal(StorageErrorCodes.TooManyProperties, ex.ErrorCode);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    public async Task AddEntity_ForbiddenKeyCharacter_Throws400OutOfRangeInput(string rowKey)
    {
        var table = await NewTableAsync();

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(Entity("p", rowKey)));

        Assert.Equal(400, ex.Status);
        Assert.Equal(StorageErrorCodes.OutOfRangeInput, ex.ErrorCode);
    }

    [Fact]
    public async Task AddEntity_KeyOver512Chars_Throws400KeyValueTooLarge()
    {
        var table = await NewTableAsync();

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(Entity(new string('k', StorageLimits.MaxKeyChars + 1), "r")));

        Assert.Equal(400, ex.Status);
        Assert.Equal(StorageErrorCodes.KeyValueTooLarge, ex.ErrorCode);
    }

    [Fact]
    public async Task AddEntity_UnsupportedPropertyType_ThrowsArgumentException()
    {
        var table = await NewTableAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(Entity("p", "r", ("D", 1.5m))));
    }
}
