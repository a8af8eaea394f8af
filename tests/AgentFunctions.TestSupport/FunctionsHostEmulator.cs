using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Storage;

namespace AgentFunctions.TestSupport;

/// <summary>
/// A minimal stand-in for the Azure Functions host's queue triggers (Core Tools cannot be installed here): reads the
/// queue-triggered functions from the app's <c>function.json</c> files, polls each queue, POSTs the documented custom-handler
/// payload <c>{Data: {message}, Metadata: {Id, DequeueCount, …}}</c> to <c>/{FunctionName}</c>, deletes the message on a
/// 2xx answer, and otherwise lets it be redelivered, moving it to <c>&lt;queue&gt;-poison</c> after <c>maxDequeueCount</c>
/// deliveries, as the host does.
/// </summary>
public sealed class FunctionsHostEmulator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly IStorageAccount _storage;
    private readonly HttpClient _http;
    private readonly int _maxDequeueCount;

    /// <summary>Starts polling every queue trigger found under <paramref name="functionsFolder"/>.</summary>
    /// <param name="functionsFolder">Folder holding <c>&lt;Function&gt;/function.json</c>.</param>
    /// <param name="storage">The storage account the triggers read.</param>
    /// <param name="handler">Base address of the custom handler.</param>
    /// <param name="maxDequeueCount">Deliveries before a message goes to the poison queue (host.json <c>extensions.queues.maxDequeueCount</c>).</param>
    public FunctionsHostEmulator(string functionsFolder, IStorageAccount storage, Uri handler, int maxDequeueCount)
    {
        _storage = storage;
        _http = new HttpClient { BaseAddress = handler };
        _maxDequeueCount = maxDequeueCount;
        foreach (var file in Directory.GetFiles(functionsFolder, "function.json", SearchOption.AllDirectories))
        {
            var function = Path.GetFileName(Path.GetDirectoryName(file))!;
            foreach (var binding in JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray())
            {
                if (binding!["type"]!.GetValue<string>() == "queueTrigger")
                {
                    Functions.Add(function);
                    _loops.Add(PollAsync(function, binding["name"]!.GetValue<string>(), binding["queueName"]!.GetValue<string>(), _stop.Token));
                }
            }
        }
    }

    /// <summary>Gets the queue-triggered functions found.</summary>
    public List<string> Functions { get; } = [];

    /// <summary>Gets how many invocations the emulator made.</summary>
    public int Invocations { get; private set; }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task PollAsync(string function, string binding, string queueName, CancellationToken cancellationToken)
    {
        var queue = _storage.GetQueueClient(queueName);
        while (!cancellationToken.IsCancellationRequested)
        {
            var messages = await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30), cancellationToken);
            if (messages.Count == 0)
            {
                await Task.Delay(100, cancellationToken);
                continue;
            }

            await Task.WhenAll(messages.Select(m => InvokeAsync(function, binding, queue, m, cancellationToken)));
        }
    }

    private async Task InvokeAsync(string function, string binding, IQueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { [binding] = message.MessageText },
            ["Metadata"] = new JsonObject
            {
                ["Id"] = message.MessageId,
                ["DequeueCount"] = message.DequeueCount,
                ["InsertionTime"] = message.InsertedOn,
                ["PopReceipt"] = message.PopReceipt,
                ["sys"] = new JsonObject { ["MethodName"] = function, ["UtcNow"] = DateTimeOffset.UtcNow },
            },
        };
        using var response = await _http.PostAsJsonAsync(function, payload, cancellationToken);
        Invocations++;
        if (response.IsSuccessStatusCode)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        else if (message.DequeueCount >= _maxDequeueCount)
        {
            await _storage.GetQueueClient(queue.Name + "-poison").SendMessageAsync(message.MessageText, cancellationToken: cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        else
        {
            await queue.UpdateMessageVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
