using Microsoft.DurableTask.Client;

namespace AgentFunctions.Functions.Standalone;

/// <summary>The standalone host's Durable Task client, available once the engine has started.</summary>
internal sealed class DurableClientAccessor
{
    private DurableTaskClient? _client;

    /// <summary>Gets the client.</summary>
    /// <exception cref="InvalidOperationException">The engine has not started yet.</exception>
    public DurableTaskClient Client => _client ?? throw new InvalidOperationException("The Durable Task engine has not started yet.");

    /// <summary>Sets the client once the engine runs.</summary>
    /// <param name="client">The client.</param>
    public void Set(DurableTaskClient client) => _client = client;
}
