using AgentFunctions.Core.Messaging;
using AgentFunctions.Core.Storage;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.DurableTask.Client;

namespace AgentFunctions.Functions.Standalone;

/// <summary>
/// Feeds the app's queue-triggered functions without the Functions host: polls each function's queue with
/// <c>Azure.Storage.Queues</c> (base64 messages, as the host reads them), invokes the same function method per message,
/// deletes the message when the function returns and makes it visible again after <see cref="QueueListenerOptions.VisibilityTimeout"/>
/// when it throws (the function dead-letters on the last delivery). A message that is not base64 is dead-lettered with the reason.
/// </summary>
internal sealed partial class QueueTriggerListener(
    IServiceProvider services,
    IConfiguration configuration,
    StorageConnection connection,
    QueueListenerOptions options,
    DurableClientAccessor durable,
    DeadLetterQueue deadLetters,
    ILogger<QueueTriggerListener> logger)
{
    private readonly List<Task> _pollers = [];

    /// <summary>Starts one poller per queue function.</summary>
    /// <param name="functions">The queue functions.</param>
    /// <param name="stopping">Stops the pollers.</param>
    /// <returns>A task that completes when every queue exists and its poller runs.</returns>
    public async Task StartAsync(IReadOnlyList<QueueFunction> functions, CancellationToken stopping)
    {
        foreach (var function in functions)
        {
            var queue = Client(Resolve(function.QueueExpression));
            await queue.CreateIfNotExistsAsync(cancellationToken: stopping);
            _pollers.Add(Task.Run(() => PollAsync(function, queue, stopping), CancellationToken.None));
            LogListening(logger, function.Name, queue.Name);
        }
    }

    /// <summary>Waits for the pollers to stop (after the token given to <see cref="StartAsync"/> was cancelled).</summary>
    /// <returns>A task that completes when they stopped.</returns>
    public Task StopAsync() => Task.WhenAll(_pollers);

    /// <summary>Resolves a queue name: <c>%Setting%</c> from configuration, else the name itself.</summary>
    /// <param name="expression">The trigger's queue name.</param>
    /// <returns>The queue name.</returns>
    /// <exception cref="InvalidOperationException">The setting is missing.</exception>
    public string Resolve(string expression) =>
        expression is ['%', .. var name, '%']
            ? configuration[name] ?? throw new InvalidOperationException($"The queue name setting '{name}' is not configured.")
            : expression;

    private QueueClient Client(string queue)
    {
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        clientOptions.MessageDecodingFailed += async args =>
        {
            if (args.ReceivedMessage is { } raw)
            {
                var inbound = new InboundMessage(queue, raw.MessageId, raw.Body?.ToString() ?? string.Empty, raw.DequeueCount);
                await deadLetters.SendAsync(inbound, "The message is not base64 text (queue messages are base64-encoded, as the Functions host reads them).", args.CancellationToken);
                await args.Queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt, args.CancellationToken);
            }
        };
        return connection.ConnectionString is { } text
            ? new QueueClient(text, queue, clientOptions)
            : new QueueClient(new Uri(connection.QueueServiceUri!, queue), connection.Credential!, clientOptions);
    }

    private async Task PollAsync(QueueFunction function, QueueClient queue, CancellationToken stopping)
    {
        var minimum = TimeSpan.FromMilliseconds(100);
        var pause = minimum;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var messages = (await queue.ReceiveMessagesAsync(Math.Clamp(options.BatchSize, 1, 32), options.LeaseDuration, stopping)).Value;
                if (messages.Length == 0)
                {
                    await Task.Delay(pause, stopping);
                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, options.MaxPollingInterval.Ticks));
                    continue;
                }

                pause = minimum;
                await Task.WhenAll(messages.Select(m => HandleAsync(function, queue, m, stopping)));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException ex)
            {
                LogPollFailed(logger, ex, queue.Name);
                await Task.Delay(options.MaxPollingInterval, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task HandleAsync(QueueFunction function, QueueClient queue, QueueMessage message, CancellationToken stopping)
    {
        var lease = new MessageLease(queue, message, options.LeaseDuration);
        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var target = function.Method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
                var arguments = function.Method.GetParameters().Select(p =>
                    p.ParameterType == typeof(QueueMessage) ? message
                    : p.ParameterType == typeof(DurableTaskClient) ? durable.Client
                    : p.ParameterType == typeof(CancellationToken) ? (object)stopping
                    : throw new InvalidOperationException($"Queue function {function.Name} has a parameter the standalone host cannot bind: {p.Name}.")).ToArray();
                await lease.HoldWhileAsync(() => (Task)function.Method.Invoke(target, arguments)!);
            }

            await queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the message becomes visible again when its lease ends.
        }
        catch (Exception ex)
        {
            LogHandlerFailed(logger, ex, function.Name, message.MessageId, message.DequeueCount);
            try
            {
                await queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: stopping);
            }
            catch (RequestFailedException)
            {
                // The lease ended meanwhile: the message is visible again anyway.
            }
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Queue function {Function} listens to queue {Queue}")]
    private static partial void LogListening(ILogger logger, string function, string queue);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Queue function {Function} failed on message {MessageId} (delivery {DequeueCount}); it will be delivered again")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Polling queue {Queue} failed; trying again")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string queue);
}
