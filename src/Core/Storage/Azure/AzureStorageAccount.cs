using Azure.Core;
using Azure.Core.Pipeline;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>
/// An <see cref="IStorageAccount"/> that talks to Azure Storage (or Azurite) over REST through an Azure.Core
/// <see cref="HttpPipeline"/> with retries: Shared Key signing from a connection string, or Microsoft Entra ID bearer
/// tokens from a <see cref="TokenCredential"/>. API versions are pinned (<see cref="QueueApiVersion"/>,
/// <see cref="BlobApiVersion"/>, <see cref="TableApiVersion"/>). Thread-safe; create one per account and share it.
/// </summary>
public sealed class AzureStorageAccount : IStorageAccount
{
    /// <summary>The <c>x-ms-version</c> sent to the queue service (Azurite 3.37 serves it; newer than 2017-11-09 as bearer tokens need).</summary>
    public const string QueueApiVersion = "2021-12-02";

    /// <summary>The <c>x-ms-version</c> sent to the blob service.</summary>
    public const string BlobApiVersion = "2021-12-02";

    /// <summary>The <c>x-ms-version</c> sent to the table service (one of the two versions Azure.Data.Tables supports).</summary>
    public const string TableApiVersion = "2019-02-02";

    /// <summary>The Microsoft Entra ID scope of Azure Storage bearer tokens.</summary>
    public const string TokenScope = "https://storage.azure.com/.default";

    private readonly StorageService? _blob;
    private readonly StorageService? _queue;
    private readonly StorageService? _table;
    private readonly QueueMessageEncoding _encoding;

    /// <summary>Creates an account from a Shared Key connection string.</summary>
    /// <param name="connectionString">See <see cref="StorageConnectionString.Parse"/>; <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="ArgumentException">The string is empty.</exception>
    /// <exception cref="FormatException">The string is malformed; the message names the bad key and never contains the account key.</exception>
    public AzureStorageAccount(string connectionString, AzureStorageAccountOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    /// <summary>Creates an account from a parsed Shared Key connection string.</summary>
    /// <param name="connectionString">The parsed connection string.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is null.</exception>
    public AzureStorageAccount(StorageConnectionString connectionString, AzureStorageAccountOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        options ??= new AzureStorageAccountOptions();
        _encoding = options.MessageEncoding;
        var signer = new SharedKeySigner(connectionString.AccountName, connectionString.AccountKey);
        _blob = Service(connectionString.BlobEndpoint, BlobApiVersion, table: false, new SharedKeyPolicy(signer, table: false), options);
        _queue = Service(connectionString.QueueEndpoint, QueueApiVersion, table: false, new SharedKeyPolicy(signer, table: false), options);
        _table = Service(connectionString.TableEndpoint, TableApiVersion, table: true, new SharedKeyPolicy(signer, table: true), options);
    }

    /// <summary>Creates an account that authenticates with Microsoft Entra ID bearer tokens (scope <see cref="TokenScope"/>), for example from a managed identity.</summary>
    /// <param name="blobServiceUri">The blob endpoint, such as <c>https://acct.blob.core.windows.net</c>; null when blobs are not used.</param>
    /// <param name="queueServiceUri">The queue endpoint; null when queues are not used.</param>
    /// <param name="tableServiceUri">The table endpoint; null when tables are not used.</param>
    /// <param name="credential">The token credential, such as <c>ManagedIdentityCredential</c>.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credential"/> is null.</exception>
    /// <exception cref="ArgumentException">An endpoint is not an absolute http(s) URL.</exception>
    public AzureStorageAccount(Uri? blobServiceUri, Uri? queueServiceUri, Uri? tableServiceUri, TokenCredential credential, AzureStorageAccountOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new AzureStorageAccountOptions();
        _encoding = options.MessageEncoding;
        HttpPipelinePolicy Bearer() => new BearerTokenAuthenticationPolicy(credential, TokenScope);
        _blob = blobServiceUri is null ? null : Service(Normalize(blobServiceUri, nameof(blobServiceUri)), BlobApiVersion, table: false, Bearer(), options);
        _queue = queueServiceUri is null ? null : Service(Normalize(queueServiceUri, nameof(queueServiceUri)), QueueApiVersion, table: false, Bearer(), options);
        _table = tableServiceUri is null ? null : Service(Normalize(tableServiceUri, nameof(tableServiceUri)), TableApiVersion, table: true, Bearer(), options);
    }

    /// <summary>Gets the blob endpoint, or null when none was configured.</summary>
    public Uri? BlobServiceUri => _blob?.Endpoint;

    /// <summary>Gets the queue endpoint, or null when none was configured.</summary>
    public Uri? QueueServiceUri => _queue?.Endpoint;

    /// <summary>Gets the table endpoint, or null when none was configured.</summary>
    public Uri? TableServiceUri => _table?.Endpoint;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">No queue endpoint was configured.</exception>
    public IQueueClient GetQueueClient(string queueName)
    {
        StorageLimitChecks.CheckQueueName(queueName);
        return new AzureQueueClient(queueName, _queue ?? throw NotConfigured("queue"), _encoding);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">No table endpoint was configured.</exception>
    public ITableClient GetTableClient(string tableName)
    {
        StorageLimitChecks.CheckTableName(tableName);
        return new AzureTableClient(tableName, _table ?? throw NotConfigured("table"));
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">No blob endpoint was configured.</exception>
    public IBlobContainerClient GetBlobContainerClient(string containerName)
    {
        StorageLimitChecks.CheckContainerName(containerName);
        return new AzureBlobContainerClient(containerName, _blob ?? throw NotConfigured("blob"));
    }

    private static StorageService Service(Uri endpoint, string version, bool table, HttpPipelinePolicy auth, AzureStorageAccountOptions options)
    {
        var pipeline = HttpPipelineBuilder.Build(
            new StorageClientOptions(options),
            perCallPolicies: [new StorageVersionPolicy(version, table)],
            perRetryPolicies: [auth],
            responseClassifier: null);
        return new StorageService(endpoint, pipeline);
    }

    private static Uri Normalize(Uri uri, string paramName) =>
        uri.IsAbsoluteUri && uri.Scheme is "http" or "https"
            ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'))
            : throw new ArgumentException($"The endpoint '{uri}' is not an absolute http(s) URL.", paramName);

    private static InvalidOperationException NotConfigured(string service) =>
        new($"This storage account has no {service} endpoint; pass one to the {nameof(AzureStorageAccount)} constructor.");
}
