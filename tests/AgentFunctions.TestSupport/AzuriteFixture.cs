using AgentFunctions.Cli.Local;
using Xunit;

namespace AgentFunctions.TestSupport;

/// <summary>
/// Starts one real Azurite on free ports for a test class or collection and stops exactly that process afterwards.
/// Fails (never skips) when Azurite is not installed: the README's test command installs it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    /// <summary>Gets the running Azurite instance.</summary>
    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started.");

    /// <summary>Gets the connection string of the running Azurite.</summary>
    public string ConnectionString => Azurite.ConnectionString;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
