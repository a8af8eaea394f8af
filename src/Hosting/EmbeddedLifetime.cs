using Microsoft.Extensions.Hosting;

namespace AgentFunctions.Hosting;

/// <summary>The lifetime of a server embedded in another host's process: it neither waits for nor reacts to console signals.</summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
