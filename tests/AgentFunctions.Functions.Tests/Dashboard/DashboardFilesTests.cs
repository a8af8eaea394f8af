using System.Net;
using System.Text.RegularExpressions;
using AgentFunctions.Functions.Http;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests.Dashboard;

/// <summary>The dashboard's static files over HTTP on the running app: content types, caching, redirects, no way out of the
/// folder, 404 for what is not there — all without an API key.</summary>
[Collection(AppCollection.Name)]
public sealed partial class DashboardFilesTests(AppFixture fixture) : IDisposable
{
    private readonly HttpClient _bare = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Harness.Http.BaseAddress };

    public void Dispose() => _bare.Dispose();

    [Fact]
    public async Task Index_IsHtml_RevalidatedOnEachLoad_WithoutAKey()
    {
        using var response = await _bare.GetAsync("api/dashboard/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<title>AgentFunctions dashboard</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashedAssets_AreJavaScriptAndCss_CachedForAYear_AndAnswer304WhenUnchanged()
    {
        var index = await _bare.GetStringAsync("api/dashboard/");
        var script = Asset().Matches(index).Select(m => m.Groups[1].Value).Single(a => a.EndsWith(".js", StringComparison.Ordinal));
        var style = Asset().Matches(index).Select(m => m.Groups[1].Value).Single(a => a.EndsWith(".css", StringComparison.Ordinal));

        using var js = await _bare.GetAsync($"api/dashboard/assets/{script}");
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", js.Headers.CacheControl!.ToString());
        using var css = await _bare.GetAsync($"api/dashboard/assets/{style}");
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"api/dashboard/assets/{script}");
        again.Headers.IfNoneMatch.Add(js.Headers.ETag!);
        using var notModified = await _bare.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("api/dashboard", "/api/dashboard/")]
    [InlineData("dashboard", "/api/dashboard/")]
    [InlineData("", "/api/dashboard/")]
    public async Task ShortAddresses_RedirectToTheDashboard(string path, string location)
    {
        using var response = await _bare.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("api/dashboard/missing.js")]
    [InlineData("api/dashboard/assets/")]
    [InlineData("api/dashboard/..%2F..%2Fhost.json")]
    [InlineData("api/dashboard/assets/..%2F..%2F..%2Fhost.json")]
    [InlineData("api/dashboard/%2Fetc%2Fpasswd")]
    [InlineData("api/dashboard/..%5Chost.json")]
    [InlineData("api/dashboard/.agentfunctions")]
    public async Task MissingFiles_AndPathsThatLeaveTheFolder_Are404ProblemDetails(string path)
    {
        using var response = await _bare.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"code\":\"not-found\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../host.json")]
    [InlineData("assets/../../host.json")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\host.json")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("assets//x.js")]
    public void Resolve_PathsThatLeaveTheFolder_AreRefused(string path) => Assert.Null(DashboardFunctions.Resolve(path));

    [Fact]
    public void Resolve_TheIndex_IsInsideTheFolder() =>
        Assert.Equal(Path.Combine(DashboardFunctions.Root, "index.html"), DashboardFunctions.Resolve(null));

    [GeneratedRegex("\"\\./assets/([^\"]+)\"")]
    private static partial Regex Asset();
}
