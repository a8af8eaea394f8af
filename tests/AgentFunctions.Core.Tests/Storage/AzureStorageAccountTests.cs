using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>Request shapes the account builds for production (host-style) endpoints, captured before anything is sent.</summary>
public sealed class AzureStorageAccountTests
{
    private const string Key = "a2V5LWJ5dGVzLWZvci10ZXN0aW5nLW9ubHk=";

    [Fact]
    public async Task Requests_HostStyleEndpoints_HaveSingleSlashPathsAndPinnedVersions()
    {
        var capture = new CapturePolicy();
        var options = new AzureStorageAccountOptions { MaxRetries = 0 };
        options.PerCallPolicies.Add(capture);
        var account = new AzureStorageAccount($"AccountName=acct;AccountKey={Key}", options);

        await Assert.ThrowsAsync<CapturedException>(() => account.GetQueueClient("work").DeleteMessageAsync("id 1", "a+b/c="));
        await Assert.ThrowsAsync<CapturedException>(() => account.GetTableClient("Runs").GetEntityAsync("p'q", "r s"));
        await Assert.ThrowsAsync<CapturedException>(() => account.GetBlobContainerClient("payloads").UploadAsync("a b/c.json", BinaryData.FromString("{}")));

        Assert.Equal(
            [
                "DELETE https://acct.queue.core.windows.net/work/messages/id%201?popreceipt=a%2Bb%2Fc%3D 2021-12-02",
                "GET https://acct.table.core.windows.net/Runs(PartitionKey='p%27%27q',RowKey='r%20s') 2019-02-02",
                "PUT https://acct.blob.core.windows.net/payloads/a%20b/c.json 2021-12-02",
            ],
            capture.Requests);
    }

    [Fact]
    public void Constructor_TokenCredentialWithoutTableEndpoint_GetTableClientThrowsInvalidOperation()
    {
        var account = new AzureStorageAccount(new Uri("https://acct.blob.core.windows.net/"), new Uri("https://acct.queue.core.windows.net"), null, new FixedTokenCredential());

        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), account.BlobServiceUri);
        Assert.NotNull(account.GetQueueClient("work"));
        Assert.Throws<InvalidOperationException>(() => account.GetTableClient("Runs"));
    }

    [Fact]
    public async Task Requests_TokenCredential_SendBearerTokenForStorageScope()
    {
        var headers = new HeaderAfterSendPolicy("Authorization");
        var credential = new FixedTokenCredential();
        var options = new AzureStorageAccountOptions { MaxRetries = 0 };
        options.PerCallPolicies.Add(headers);

        // Port 1 on loopback refuses the connection at once; the policy reads the header the pipeline set before sending.
        var account = new AzureStorageAccount(null, new Uri("https://127.0.0.1:1"), null, credential, options);
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => account.GetQueueClient("work").CreateIfNotExistsAsync());

        Assert.Equal("Bearer token-123", headers.Value);
        Assert.Equal([AzureStorageAccount.TokenScope], credential.Scopes);
    }

    private sealed class CapturedException() : Exception("captured");

    private sealed class HeaderAfterSendPolicy(string name) : HttpPipelinePolicy
    {
        public string? Value { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                await ProcessNextAsync(message, pipeline);
            }
            finally
            {
                Value = message.Request.Headers.TryGetValue(name, out var value) ? value : null;
            }
        }
    }

    private sealed class CapturePolicy : HttpPipelinePolicy
    {
        public List<string> Requests { get; } = [];

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            message.Request.Headers.TryGetValue("x-ms-version", out var header);
            Requests.Add($"{message.Request.Method} {message.Request.Uri} {header}");
            throw new CapturedException();
        }
    }

    private sealed class FixedTokenCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token-123", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
