using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace AgentFunctions.Functions.Standalone;

/// <summary>
/// Keeps a received queue message invisible while its function runs: every third of the lease duration its visibility is
/// extended, as the Functions host does for long functions. Each extension changes the pop receipt, which deleting needs.
/// </summary>
/// <param name="queue">The queue.</param>
/// <param name="message">The received message.</param>
/// <param name="duration">How long each extension keeps it invisible.</param>
internal sealed class MessageLease(QueueClient queue, QueueMessage message, TimeSpan duration)
{
    /// <summary>Gets the current pop receipt.</summary>
    public string PopReceipt { get; private set; } = message.PopReceipt;

    /// <summary>Runs the work, extending the lease meanwhile.</summary>
    /// <param name="work">Starts the function.</param>
    /// <returns>A task that completes (or faults) with the work.</returns>
    public async Task HoldWhileAsync(Func<Task> work)
    {
        using var stop = new CancellationTokenSource();
        var renewer = RenewAsync(stop.Token);
        try
        {
            await work();
        }
        finally
        {
            await stop.CancelAsync();
            await renewer;
        }
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, stop);
                var receipt = await queue.UpdateMessageAsync(message.MessageId, PopReceipt, visibilityTimeout: duration, cancellationToken: stop);
                PopReceipt = receipt.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
            // The work ended.
        }
        catch (RequestFailedException)
        {
            // Lost the message (deleted or leased elsewhere): the work goes on; its delete will fail harmlessly.
        }
    }
}
