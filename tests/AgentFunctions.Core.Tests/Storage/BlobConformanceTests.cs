using AgentFunctions.Core.Storage;
using Azure;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>Blob behaviour every <see cref="IStorageAccount"/> must show; run against the in-memory store and Azurite.</summary>
public abstract class BlobConformanceTests
{
    /// <summary>Gets the account under test.</summary>
    protected abstract IStorageAccount Account { get; }

    [Fact]
    public async Task DownloadAsync_AfterUpload_ReturnsSameBytes()
    {
        var container = await NewContainerAsync();
        var bytes = Enumerable.Range(0, 100_000).Select(i => (byte)(i % 251)).ToArray();

        await container.UploadAsync("runs/r1/payload.json", BinaryData.FromBytes(bytes));

        Assert.Equal(bytes, (await container.DownloadAsync("runs/r1/payload.json"))!.ToArray());
    }

    [Fact]
    public async Task UploadAsync_Twice_OverwritesBlob()
    {
        var container = await NewContainerAsync();
        await container.UploadAsync("b", BinaryData.FromString("first"));

        await container.UploadAsync("b", BinaryData.FromString("second, longer"));

        Assert.Equal("second, longer", (await container.DownloadAsync("b"))!.ToString());
    }

    [Fact]
    public async Task DownloadAsync_Missing_ReturnsNull()
    {
        var container = await NewContainerAsync();

        Assert.Null(await container.DownloadAsync("missing"));
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_RemovesAndDoesNotThrow()
    {
        var container = await NewContainerAsync();
        await container.UploadAsync("name with spaces & ü.txt", BinaryData.FromString("x"));

        await container.DeleteAsync("name with spaces & ü.txt");
        await container.DeleteAsync("name with spaces & ü.txt");

        Assert.Null(await container.DownloadAsync("name with spaces & ü.txt"));
    }

    [Fact]
    public async Task UploadAsync_EmptyContent_RoundTrips()
    {
        var container = await NewContainerAsync();

        await container.UploadAsync("empty", BinaryData.FromBytes([]));

        Assert.Empty((await container.DownloadAsync("empty"))!.ToArray());
    }

    [Fact]
    public async Task DownloadAsync_ContainerNotCreated_Throws404ContainerNotFound()
    {
        var container = Account.GetBlobContainerClient(UniqueName());

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => container.DownloadAsync("b"));

        Assert.Equal(404, ex.Status);
        Assert.Equal(StorageErrorCodes.ContainerNotFound, ex.ErrorCode);
    }

    private async Task<IBlobContainerClient> NewContainerAsync()
    {
        var container = Account.GetBlobContainerClient(UniqueName());
        await container.CreateIfNotExistsAsync();
        await container.CreateIfNotExistsAsync();
        return container;
    }

    private static string UniqueName() => "c" + Guid.NewGuid().ToString("N")[..20];
}
