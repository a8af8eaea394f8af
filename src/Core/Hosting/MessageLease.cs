using AgentFunctions.Core.Storage;
using Azure;

namespace AgentFunctions.Core.Hosting;

/// <summary>
/// Holds a received message and keeps it invisible while it is processed by renewing its visibility timeout
/// (Update Message returns a new pop receipt each time). Completing deletes it; abandoning makes it visible again after a delay.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly IQueueClient _queue;
    private readonly TimeSpan _visibility;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private string _popReceipt;

    public MessageLease(IQueueClient queue, QueueMessage message, TimeSpan visibility, bool renew)
    {
        _queue = queue;
        Message = message;
        _visibility = visibility;
        _popReceipt = message.PopReceipt;
        _renewal = renew ? RenewLoopAsync() : Task.CompletedTask;
    }

    public QueueMessage Message { get; }

    /// <summary>Gets whether a renewal found the message gone or taken (another consumer owns it now).</summary>
    public bool Lost { get; private set; }

    public InboundMessage ToInbound() => new(Message.MessageId, Message.MessageText, Message.DequeueCount);

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await StopRenewalAsync();
        try
        {
            await _queue.DeleteMessageAsync(Message.MessageId, _popReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            Lost = true; // already deleted, or redelivered to someone else: the work is idempotent either way
        }
    }

    public async Task AbandonAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        await StopRenewalAsync();
        try
        {
            await _queue.UpdateMessageVisibilityAsync(Message.MessageId, _popReceipt, delay, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            Lost = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopRenewalAsync();
        _stop.Dispose();
    }

    private async Task StopRenewalAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        try
        {
#pragma warning disable VSTHRD003 // The renewal task is started and owned by this lease, not by another context.
            await _renewal;
#pragma warning restore VSTHRD003
        }
        catch (OperationCanceledException)
        {
            // Renewal stopped.
        }
    }

    private async Task RenewLoopAsync()
    {
        var interval = _visibility / 3;
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(interval, _stop.Token);
            try
            {
                var receipt = await _queue.UpdateMessageVisibilityAsync(Message.MessageId, _popReceipt, _visibility, _stop.Token);
                _popReceipt = receipt.PopReceipt;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 400)
            {
                Lost = true;
                return;
            }
        }
    }
}
