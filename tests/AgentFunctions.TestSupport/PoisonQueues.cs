using System.Text.Json.Nodes;
using AgentFunctions.Core.Storage;

namespace AgentFunctions.TestSupport;

/// <summary>Reads the dead letters the app writes to <c>&lt;queue&gt;-poison</c>.</summary>
public static class PoisonQueues
{
    /// <summary>Waits until a dead letter matching <paramref name="match"/> is on the poison queue of <paramref name="queue"/>.</summary>
    /// <param name="storage">The storage clients.</param>
    /// <param name="queue">The queue the message came from.</param>
    /// <param name="match">Picks the dead letter (its JSON: queue, reason, messageId, dequeueCount, message).</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The dead letter.</returns>
    /// <exception cref="TimeoutException">None arrived in time.</exception>
    public static async Task<JsonObject> WaitAsync(StorageClients storage, string queue, Func<JsonObject, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var poison = storage.Queues.GetQueueClient(queue + "-poison");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await poison.ExistsAsync()).Value)
            {
                foreach (var message in (await poison.PeekMessagesAsync(32)).Value)
                {
                    var json = JsonNode.Parse(message.Body.ToString())!.AsObject();
                    if (match(json))
                    {
                        return json;
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No matching message arrived on {queue}-poison within {timeout}.");
    }
}
