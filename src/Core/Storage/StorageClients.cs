using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace AgentFunctions.Core.Storage;

/// <summary>
/// The Azure Storage SDK clients of one account — tables, queues (base64 messages, as the Functions host reads them) and
/// blobs — created once from a <see cref="StorageConnection"/> with the retry settings of <see cref="StorageOptions"/>.
/// </summary>
public sealed class StorageClients
{
    /// <summary>Creates the clients.</summary>
    /// <param name="connection">The account.</param>
    /// <param name="options">Retries and timeouts.</param>
    /// <param name="perCallPolicies">Extra pipeline policies run once per operation (e.g. a benchmark's request counter), or null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public StorageClients(StorageConnection connection, StorageOptions options, IReadOnlyList<HttpPipelinePolicy>? perCallPolicies = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        Connection = connection;
        var tables = Configure(new TableClientOptions(), options, perCallPolicies);
        var queues = Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, options, perCallPolicies);
        var blobs = Configure(new BlobClientOptions(), options, perCallPolicies);
        if (connection.ConnectionString is { } text)
        {
            Tables = new TableServiceClient(text, tables);
            Queues = new QueueServiceClient(text, queues);
            Blobs = new BlobServiceClient(text, blobs);
        }
        else
        {
            Tables = new TableServiceClient(connection.TableServiceUri!, connection.Credential!, tables);
            Queues = new QueueServiceClient(connection.QueueServiceUri!, connection.Credential!, queues);
            Blobs = new BlobServiceClient(connection.BlobServiceUri!, connection.Credential!, blobs);
        }
    }

    /// <summary>Gets the connection the clients were made from.</summary>
    public StorageConnection Connection { get; }

    /// <summary>Gets the table service client.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>Gets the queue service client (base64 message encoding).</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>Gets the blob service client.</summary>
    public BlobServiceClient Blobs { get; }

    private static T Configure<T>(T clientOptions, StorageOptions options, IReadOnlyList<HttpPipelinePolicy>? perCallPolicies)
        where T : ClientOptions
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Diagnostics.ApplicationId = "AgentFunctions";
        foreach (var policy in perCallPolicies ?? [])
        {
            clientOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        return clientOptions;
    }
}
