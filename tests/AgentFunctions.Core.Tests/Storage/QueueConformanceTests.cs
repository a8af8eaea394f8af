using System.Text;
using AgentFunctions.Core.Storage;
using Azure;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>Queue behaviour every <see cref="IStorageAccount"/> must show; run against the in-memory store and Azurite.</summary>
public abstract class QueueConformanceTests
{
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(30);

    /// <summary>Gets the account under test.</summary>
    protected abstract IStorageAccount Account { get; }

    /// <summary>Lets time pass: moves a manual clock, or waits a little longer than <paramref name="delta"/> for a real service.</summary>
    protected abstract Task AdvanceAsync(TimeSpan delta);

    [Fact]
    public async Task ReceiveMessages_AfterSend_ReturnsMessageAndDeleteRemovesIt()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendMessageAsync("hello");

        var received = Assert.Single(await queue.ReceiveMessagesAsync(1, s_long));
        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal("hello", received.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.NotEmpty(received.PopReceipt);
        Assert.True(received.NextVisibleOn > received.InsertedOn);

        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
        Assert.Empty(await queue.ReceiveMessagesAsync(1, s_long));
    }

    [Fact]
    public async Task ReceiveMessages_VisibilityTimeoutExpires_RedeliversWithDequeueCount2()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("work");
        var first = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));
        Assert.Empty(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));

        await AdvanceAsync(TimeSpan.FromSeconds(1.5));

        var second = Assert.Single(await queue.ReceiveMessagesAsync(1, s_long));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));
        Assert.Equal(400, stale.Status);
        Assert.Equal(StorageErrorCodes.PopReceiptMismatch, stale.ErrorCode);
    }

    [Fact]
    public async Task UpdateMessageVisibility_Renew_ReturnsNewReceiptAndOldOneStopsWorking()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("lease");
        var received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(5)));

        var renewed = await queue.UpdateMessageVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.FromMinutes(5));

        Assert.NotEqual(received.PopReceipt, renewed.PopReceipt);
        Assert.True(renewed.NextVisibleOn > received.NextVisibleOn);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(
            () => queue.UpdateMessageVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.FromMinutes(5)));
        Assert.Equal(400, stale.Status);
        Assert.Equal(StorageErrorCodes.PopReceiptMismatch, stale.ErrorCode);
        await queue.DeleteMessageAsync(received.MessageId, renewed.PopReceipt);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task UpdateMessageVisibility_Zero_MakesMessageVisibleAgain()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("abandon");
        var received = Assert.Single(await queue.ReceiveMessagesAsync(1, s_long));

        await queue.UpdateMessageVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero);

        var again = Assert.Single(await queue.ReceiveMessagesAsync(1, s_long));
        Assert.Equal(received.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task DeleteMessage_AlreadyDeleted_Throws404MessageNotFound()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("once");
        var received = Assert.Single(await queue.ReceiveMessagesAsync(1, s_long));
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));

        Assert.Equal(404, gone.Status);
        Assert.Equal(StorageErrorCodes.MessageNotFound, gone.ErrorCode);
    }

    [Fact]
    public async Task PeekMessages_Twice_DoesNotChangeDequeueCountOrHideMessage()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("peek me");

        var peek1 = Assert.Single(await queue.PeekMessagesAsync(1));
        var peek2 = Assert.Single(await queue.PeekMessagesAsync(1));
        var received = Assert.Single(await queue.ReceiveMessagesAsync(1, s_long));

        Assert.Equal(0, peek1.DequeueCount);
        Assert.Equal(0, peek2.DequeueCount);
        Assert.Empty(peek1.PopReceipt);
        Assert.Equal("peek me", peek2.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.Empty(await queue.PeekMessagesAsync(1));
    }

    [Fact]
    public async Task SendMessage_Over48KiB_Throws413MessageTooLargeBeforeSending()
    {
        var queue = await NewQueueAsync();

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync(new string('x', StorageLimits.MaxQueueMessageTextBytes + 1)));

        Assert.Equal(413, ex.Status);
        Assert.Equal(StorageErrorCodes.MessageTooLarge, ex.ErrorCode);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task SendMessage_Exactly48KiBOfMultiByteText_RoundTrips()
    {
        var queue = await NewQueueAsync();
        var text = "<&>" + new string('é', (StorageLimits.MaxQueueMessageTextBytes / 2) - 3) + "€";
        Assert.Equal(StorageLimits.MaxQueueMessageTextBytes, Encoding.UTF8.GetByteCount(text));

        await queue.SendMessageAsync(text);

        Assert.Equal(text, Assert.Single(await queue.ReceiveMessagesAsync(1, s_long)).MessageText);
    }

    [Fact]
    public async Task SendMessage_WithVisibilityDelay_HiddenUntilDelayPasses()
    {
        var queue = await NewQueueAsync();
        var receipt = await queue.SendMessageAsync("later", visibilityDelay: TimeSpan.FromSeconds(1));

        Assert.Empty(await queue.ReceiveMessagesAsync(1, s_long));
        Assert.Equal(1, await queue.GetApproximateMessageCountAsync());
        await AdvanceAsync(TimeSpan.FromSeconds(1.5));

        Assert.Equal(receipt.MessageId, Assert.Single(await queue.ReceiveMessagesAsync(1, s_long)).MessageId);
    }

    [Fact]
    public async Task SendMessage_TimeToLivePasses_MessageIsGone()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("short-lived", timeToLive: TimeSpan.FromSeconds(1));

        await AdvanceAsync(TimeSpan.FromSeconds(1.5));

        Assert.Empty(await queue.ReceiveMessagesAsync(1, s_long));
    }

    [Fact]
    public async Task SendMessage_InfiniteTimeToLive_NeverExpires()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("forever", timeToLive: Timeout.InfiniteTimeSpan);

        Assert.Equal(9999, Assert.Single(await queue.PeekMessagesAsync(1)).ExpiresOn.Year);
    }

    [Fact]
    public async Task ReceiveMessages_FiveSentMaxThree_ReturnsThreeThenTheRest()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        var first = await queue.ReceiveMessagesAsync(3, s_long);
        var rest = await queue.ReceiveMessagesAsync(32, s_long);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, rest.Count);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], first.Concat(rest).Select(m => m.MessageText).Order(StringComparer.Ordinal));
        Assert.Equal(5, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task ReceiveMessages_OutOfRangeArguments_ThrowArgumentOutOfRange()
    {
        var queue = await NewQueueAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(33, s_long));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(0, s_long));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(1, TimeSpan.FromDays(8)));
    }

    [Fact]
    public async Task SendMessage_QueueNotCreated_Throws404QueueNotFound()
    {
        var queue = Account.GetQueueClient(UniqueName());

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("nowhere"));

        Assert.Equal(404, ex.Status);
        Assert.Equal(StorageErrorCodes.QueueNotFound, ex.ErrorCode);
    }

    [Fact]
    public async Task CreateIfNotExists_Twice_KeepsMessages()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("kept");

        await queue.CreateIfNotExistsAsync();

        Assert.Equal(1, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public void GetQueueClient_InvalidName_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Account.GetQueueClient("Bad_Name"));
        Assert.Throws<ArgumentException>(() => Account.GetQueueClient("a--b"));
        Assert.Throws<ArgumentException>(() => Account.GetQueueClient("ab"));
    }

    protected async Task<IQueueClient> NewQueueAsync()
    {
        var queue = Account.GetQueueClient(UniqueName());
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    protected static string UniqueName() => "q" + Guid.NewGuid().ToString("N")[..20];
}
