using AgentFunctions.Core.Auth;
using AgentFunctions.Functions.Auth;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFunctions.Functions.Tests.Security;

public sealed class AuthStartupTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7071", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://127.0.0.2:80/", true)]
    [InlineData("http://0.0.0.0:7071", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://10.0.0.4:7071", false)]
    public void IsLoopback_OnlyForLoopbackAddresses(string url, bool expected) => Assert.Equal(expected, AuthStartup.IsLoopback(url));

    [Fact]
    public void AuthOff_IsRefusedUnlessEveryAddressIsLoopback_AndUnderTheFunctionsHost()
    {
        var off = new AuthOptions { Enabled = false };

        AuthStartup.Check(off, ["http://127.0.0.1:7071"], NullLogger.Instance);
        var exposed = Assert.Throws<InvalidOperationException>(() => AuthStartup.Check(off, ["http://127.0.0.1:7071", "http://0.0.0.0:8080"], NullLogger.Instance));
        var functions = Assert.Throws<InvalidOperationException>(() => AuthStartup.Check(off, listenUrls: null, NullLogger.Instance));

        Assert.Contains("http://0.0.0.0:8080", exposed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:7071", exposed.Message, StringComparison.Ordinal);
        Assert.Contains("Functions host", functions.Message, StringComparison.Ordinal);
    }
}
