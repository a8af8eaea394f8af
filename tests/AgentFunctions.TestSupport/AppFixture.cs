using Xunit;

namespace AgentFunctions.TestSupport;

/// <summary>One shared <see cref="AppHarness"/> (Azurite + the app process) for a test collection.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    private AppHarness? _harness;

    /// <summary>Gets the running harness.</summary>
    public AppHarness Harness => _harness ?? throw new InvalidOperationException("Not started.");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _harness = await AppHarness.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
