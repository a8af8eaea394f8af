using System.Text;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.Azure;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>The queue conformance suite against <see cref="AzureStorageAccount"/> on a real Azurite, plus wire-format checks.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteQueueConformanceTests : QueueConformanceTests
{
    private readonly AzuriteFixture _azurite;
    private readonly CountingPolicy _requests = new();

    public AzuriteQueueConformanceTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        var options = new AzureStorageAccountOptions();
        options.PerCallPolicies.Add(_requests);
        Account = new AzureStorageAccount(azurite.ConnectionString, options);
    }

    protected override IStorageAccount Account { get; }

    protected override Task AdvanceAsync(TimeSpan delta) => Task.Delay(delta + TimeSpan.FromMilliseconds(300));

    [Fact]
    public async Task SendMessage_Base64Encoding_PutsBase64OfUtf8OnTheWire()
    {
        var queue = await NewQueueAsync();
        const string text = "{\"run\":\"r1\",\"note\":\"ünïcode <xml> & more\"}";
        await queue.SendMessageAsync(text);

        var raw = new AzureStorageAccount(_azurite.ConnectionString, new AzureStorageAccountOptions { MessageEncoding = QueueMessageEncoding.None });
        var onWire = Assert.Single(await raw.GetQueueClient(queue.Name).PeekMessagesAsync(1)).MessageText;

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), onWire);
    }

    [Fact]
    public async Task SendMessage_EncodingNone_RoundTripsRawText()
    {
        var raw = new AzureStorageAccount(_azurite.ConnectionString, new AzureStorageAccountOptions { MessageEncoding = QueueMessageEncoding.None });
        var queue = raw.GetQueueClient(UniqueName());
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync("plain <text> & \"quotes\"");

        Assert.Equal("plain <text> & \"quotes\"", Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).MessageText);
    }

    [Fact]
    public async Task SendMessage_TooLarge_SendsNoRequest()
    {
        var queue = await NewQueueAsync();
        var before = _requests.Count;

        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => queue.SendMessageAsync(new string('x', StorageLimits.MaxQueueMessageTextBytes + 1)));

        Assert.Equal(before, _requests.Count);
    }
}
