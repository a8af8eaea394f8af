using AgentFunctions.Core.Auth;

namespace AgentFunctions.Core.Tests.Auth;

public sealed class ApiCallerTests
{
    private static readonly ApiCaller s_hrRunner = new("k1", "hr runner", ApiRole.Runner, ["hr"]);
    private static readonly ApiCaller s_everything = new("k2", "ops", ApiRole.Reader, [ApiCaller.AllDomains]);

    [Theory]
    [InlineData(ApiRole.Reader, new[] { "hr" }, true)]
    [InlineData(ApiRole.Runner, new[] { "hr" }, true)]
    [InlineData(ApiRole.Admin, new[] { "hr" }, false)]
    [InlineData(ApiRole.Reader, new[] { "engineering" }, false)]
    [InlineData(ApiRole.Reader, new[] { "hr", "engineering" }, false)] // a run spanning domains needs all of them
    [InlineData(ApiRole.Reader, new string[0], false)] // no domain: only keys scoped to *
    public void May_NeedsTheRoleAndEveryDomain(ApiRole role, string[] domains, bool expected) =>
        Assert.Equal(expected, s_hrRunner.May(role, domains));

    [Fact]
    public void May_AllDomainsScope_CoversAnyDomainAndNone_ButNotAHigherRole()
    {
        Assert.True(s_everything.May(ApiRole.Reader, ["hr", "engineering"]));
        Assert.True(s_everything.May(ApiRole.Reader, []));
        Assert.False(s_everything.May(ApiRole.Runner, ["hr"]));
    }

    [Fact]
    public void Secrets_RoundTripAndRejectForeignFormats()
    {
        var (id, key, hash) = ApiKeySecrets.Generate();

        Assert.True(ApiKeySecrets.TryParse(key, out var parsedId, out var secret));
        Assert.Equal(id, parsedId);
        Assert.Equal(hash, ApiKeySecrets.Hash(secret));
        Assert.DoesNotContain(secret, hash, StringComparison.Ordinal);
        Assert.False(ApiKeySecrets.TryParse("sk-" + key[3..], out _, out _));
        Assert.False(ApiKeySecrets.TryParse(key[..^1], out _, out _));
        Assert.NotEqual(key, ApiKeySecrets.Generate().Key);
    }
}
