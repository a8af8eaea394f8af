using AgentFunctions.Core.Storage;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Hosting;

/// <summary>
/// Creates the Durable Task Framework backend: the Azure Storage backend Durable Functions uses by default
/// (<c>AzureStorageOrchestrationService</c>: the hub's control and work-item queues, Instances and History tables, large
/// messages in blobs) over the app's <c>AzureWebJobsStorage</c> account, or the in-memory backend of the Durable Task test
/// host for single-process tests and benchmarks.
/// </summary>
public static class OrchestrationServices
{
    /// <summary>Creates the backend.</summary>
    /// <param name="options">Hub name, partitions, polling, sessions, concurrency, visibility timeouts, worker id.</param>
    /// <param name="connection">The storage account (ignored in memory).</param>
    /// <param name="policies">Extra storage pipeline policies (request counting), or null.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <returns>A service that is both the dispatcher's <see cref="IOrchestrationService"/> and an <see cref="IOrchestrationServiceClient"/>.</returns>
    public static IOrchestrationService Create(DurableEngineOptions options, StorageConnection connection, StoragePipelinePolicies? policies, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connection);
        if (options.Backend == "InMemory")
        {
            return new InMemoryOrchestrationService(loggerFactory);
        }

        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.HubName,
            StorageAccountClientProvider = ClientProvider(connection, policies),
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueBatchSize = options.ControlQueueBatchSize,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(options.ExtendedSessionIdleTimeoutInSeconds),
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
            WorkerId = options.WorkerId,

            // As Durable Functions sets it: starting an instance id that exists in a deduplicated state is an error, not a silent no-op.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        };
        return new AzureStorageOrchestrationService(settings);
    }

    private static StorageAccountClientProvider ClientProvider(StorageConnection connection, StoragePipelinePolicies? policies)
    {
        var blob = WithPolicies(new BlobClientOptions(), policies);
        var queue = WithPolicies(new QueueClientOptions(), policies);
        var table = WithPolicies(new TableClientOptions(), policies);
        return connection.ConnectionString is { } text
            ? new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(text, blob), StorageServiceClientProvider.ForQueue(text, queue), StorageServiceClientProvider.ForTable(text, table))
            : new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connection.BlobServiceUri!, connection.Credential!, blob),
                StorageServiceClientProvider.ForQueue(connection.QueueServiceUri!, connection.Credential!, queue),
                StorageServiceClientProvider.ForTable(connection.TableServiceUri!, connection.Credential!, table));
    }

    private static T WithPolicies<T>(T options, StoragePipelinePolicies? policies)
        where T : Azure.Core.ClientOptions
    {
        foreach (var policy in policies?.Policies ?? [])
        {
            options.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerCall);
        }

        return options;
    }
}
