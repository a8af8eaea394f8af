namespace AgentFunctions.Core.Storage.Azure;

/// <summary>
/// A parsed Azure Storage connection string (Shared Key): <c>UseDevelopmentStorage=true</c> for Azurite on its
/// default ports, or <c>DefaultEndpointsProtocol</c>/<c>AccountName</c>/<c>AccountKey</c>/<c>EndpointSuffix</c> with
/// optional explicit <c>BlobEndpoint</c>/<c>QueueEndpoint</c>/<c>TableEndpoint</c>. SAS connection strings are not supported.
/// <see cref="ToString"/> never includes the key.
/// </summary>
public sealed partial class StorageConnectionString
{
    /// <summary>The well-known Azurite development account name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The well-known Azurite development account key (published by Microsoft; not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnectionString(string accountName, byte[] accountKey, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, bool isDevelopmentStorage)
    {
        AccountName = accountName;
        AccountKey = accountKey;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
        IsDevelopmentStorage = isDevelopmentStorage;
    }

    /// <summary>Gets the storage account name.</summary>
    public string AccountName { get; }

    /// <summary>Gets the blob service endpoint, without a trailing slash (path-style for Azurite: <c>http://127.0.0.1:10000/devstoreaccount1</c>).</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>Gets the queue service endpoint, without a trailing slash.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>Gets the table service endpoint, without a trailing slash.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>Gets a value indicating whether the string was <c>UseDevelopmentStorage=true</c>.</summary>
    public bool IsDevelopmentStorage { get; }

    /// <summary>Gets the decoded account key (64 bytes for Azure accounts); internal so it cannot leak through the public API.</summary>
    internal byte[] AccountKey { get; }

    /// <summary>Describes the account and endpoints, without the key.</summary>
    /// <returns>A string such as <c>AccountName=x;BlobEndpoint=…;QueueEndpoint=…;TableEndpoint=…</c>.</returns>
    public override string ToString() =>
        $"AccountName={AccountName};BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint}";
}
