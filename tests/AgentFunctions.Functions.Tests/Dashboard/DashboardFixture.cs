using AgentFunctions.TestSupport;
using Microsoft.Playwright;

namespace AgentFunctions.Functions.Tests.Dashboard;

/// <summary>
/// The real app on its own Azurite, with recorded responses slowed to 2 s a call so a run's fan-out stays on screen for
/// several seconds, and one headless Debian chromium (<c>/usr/bin/chromium</c>, installed by <c>scripts/test.sh</c>) driven
/// by Playwright. Each test opens its own browser context through <see cref="OpenAsync"/>.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private AppHarness? _app;

    /// <summary>Gets the folder screenshots go to (<c>artifacts/test-results/screenshots/</c>, kept by the test command).</summary>
    public static string Screenshots { get; } = Path.Combine(AppHarness.RepositoryRoot, "artifacts", "test-results", "screenshots");

    /// <summary>Gets the running app.</summary>
    public AppHarness App => _app ?? throw new InvalidOperationException("Not started.");

    /// <summary>Gets the browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "The dashboard tests need Debian's chromium: apt-get install -y --no-install-recommends chromium (scripts/test.sh does it).");
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(AgentFunctions.Cli.Local.RepositoryLayout.FunctionsAssembly(AppHarness.RepositoryRoot))!, "dashboard", "index.html")),
            "The dashboard was not built into the app's output: run scripts/ensure-node-tools.sh dashboard, then build again (scripts/test.sh does both).");
        Directory.CreateDirectory(Screenshots);
        _app = await AppHarness.StartAsync(new Dictionary<string, string> { ["Models__Recorded__ReplayDelay"] = "00:00:02" });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"] });
    }

    /// <summary>Opens a page in a new browser context that records every request and refuses (and remembers) any that would
    /// leave 127.0.0.1, then signs in with <paramref name="key"/> (the admin key by default).</summary>
    /// <param name="key">The API key to enter, or null for the app's admin key.</param>
    /// <returns>The page and the requests it made.</returns>
    public async Task<DashboardSession> OpenAsync(string? key = null)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1500, Height = 1000 } });
        var session = new DashboardSession(context, await context.NewPageAsync(), App.App.BaseAddress);
        await session.StartAsync(key ?? App.App.AdminKey!);
        return session;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
