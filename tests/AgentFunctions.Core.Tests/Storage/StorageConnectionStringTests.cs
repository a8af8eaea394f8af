using AgentFunctions.Core.Storage.Azure;

namespace AgentFunctions.Core.Tests.Storage;

public sealed class StorageConnectionStringTests
{
    private const string Key = "a2V5LWJ5dGVzLWZvci10ZXN0aW5nLW9ubHk=";

    [Fact]
    public void Parse_UseDevelopmentStorage_ReturnsAzuriteDefaults()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.True(parsed.IsDevelopmentStorage);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(Convert.FromBase64String(StorageConnectionString.DevelopmentAccountKey), parsed.AccountKey);
    }

    [Fact]
    public void Parse_AccountAndKey_BuildsHttpsEndpointsWithDefaultSuffix()
    {
        var parsed = StorageConnectionString.Parse($"AccountName=acct;AccountKey={Key}");

        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), parsed.TableEndpoint);
        Assert.False(parsed.IsDevelopmentStorage);
    }

    [Fact]
    public void Parse_ProtocolAndSuffixInAnyCaseAndOrder_AreUsed()
    {
        var parsed = StorageConnectionString.Parse($" endpointsuffix=core.chinacloudapi.cn ; ACCOUNTKEY={Key};accountname=acct;DefaultEndpointsProtocol=http;");

        Assert.Equal(new Uri("http://acct.queue.core.chinacloudapi.cn"), parsed.QueueEndpoint);
        Assert.Equal("acct", parsed.AccountName);
    }

    [Fact]
    public void Parse_ExplicitEndpoints_OverrideAndLoseTrailingSlash()
    {
        var parsed = StorageConnectionString.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};QueueEndpoint=http://127.0.0.1:5555/devstoreaccount1/;TableEndpoint=http://localhost:6666/devstoreaccount1");

        Assert.Equal("http://127.0.0.1:5555/devstoreaccount1", parsed.QueueEndpoint.AbsoluteUri);
        Assert.Equal(new Uri("http://localhost:6666/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(new Uri("http://devstoreaccount1.blob.core.windows.net"), parsed.BlobEndpoint);
    }

    [Theory]
    [InlineData("AccountKey=a2V5", "AccountName")]
    [InlineData("AccountName=acct", "AccountKey")]
    [InlineData("AccountName=acct;AccountKey=a2V5;Colour=blue", "Colour")]
    [InlineData("AccountName=acct;AccountName=other;AccountKey=a2V5", "AccountName")]
    [InlineData("AccountName=acct;AccountKey=a2V5;DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("AccountName=acct;AccountKey=a2V5;QueueEndpoint=not a url", "QueueEndpoint")]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage")]
    [InlineData("UseDevelopmentStorage=true;AccountName=acct", "UseDevelopmentStorage")]
    public void Parse_BadString_ThrowsFormatExceptionNamingTheKey(string connectionString, string key)
    {
        var ex = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyNotBase64_ThrowsWithoutEchoingTheKey()
    {
        const string secret = "not*base64*secret-value";

        var ex = Assert.Throws<FormatException>(() => StorageConnectionString.Parse($"AccountName=acct;AccountKey={secret}"));

        Assert.Contains("AccountKey", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PartWithoutEquals_ThrowsWithoutEchoingIt()
    {
        var ex = Assert.Throws<FormatException>(() => StorageConnectionString.Parse($"AccountName=acct;{Key}"));

        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Always_OmitsTheKey()
    {
        var text = StorageConnectionString.Parse($"AccountName=acct;AccountKey={Key}").ToString();

        Assert.Contains("acct", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Empty_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => StorageConnectionString.Parse(" "));
    }
}
