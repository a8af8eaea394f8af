using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.Azure;
using AgentFunctions.Core.Storage.InMemory;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace AgentFunctions.Core.Hosting;

/// <summary>
/// Creates the storage account from configuration, following the Functions host's conventions for the
/// <c>AzureWebJobsStorage</c> connection: a connection string (including <c>UseDevelopmentStorage=true</c> for Azurite),
/// or identity-based settings <c>AzureWebJobsStorage__accountName</c> / <c>__queueServiceUri</c> / <c>__tableServiceUri</c> /
/// <c>__blobServiceUri</c> (optionally <c>__clientId</c> for a user-assigned managed identity).
/// <c>Storage:Mode = InMemory</c> selects the in-memory store (one process only; state is lost when it stops).
/// </summary>
public static class StorageFactory
{
    /// <summary>The connection name, as in every queue function.json.</summary>
    public const string ConnectionName = "AzureWebJobsStorage";

    /// <summary>Creates the account.</summary>
    /// <param name="configuration">App configuration.</param>
    /// <param name="time">Clock for the in-memory store.</param>
    /// <returns>The account and a label for <c>/api/health</c> (azure, azurite or in-memory).</returns>
    /// <exception cref="InvalidOperationException">No storage is configured; the message lists the settings to set.</exception>
    public static (IStorageAccount Account, string Label) Create(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new AzureStorageAccountOptions();
        configuration.GetSection(AzureStorageAccountOptions.SectionName).Bind(options);
        if (string.Equals(configuration["Storage:Mode"], "InMemory", StringComparison.OrdinalIgnoreCase))
        {
            return (new InMemoryStorageAccount(time), "in-memory");
        }

        var section = configuration.GetSection(ConnectionName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            var parsed = StorageConnectionString.Parse(section.Value);
            var label = section.Value.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
                || section.Value.Contains("devstoreaccount1", StringComparison.Ordinal) ? "azurite" : "azure";
            return (new AzureStorageAccount(parsed, options), label);
        }

        var account = section["accountName"];
        Uri? Service(string key, string kind) =>
            section[key] is { Length: > 0 } uri ? new Uri(uri) : account is { Length: > 0 } ? new Uri($"https://{account}.{kind}.core.windows.net") : null;
        var queue = Service("queueServiceUri", "queue");
        var table = Service("tableServiceUri", "table");
        var blob = Service("blobServiceUri", "blob");
        if (queue is null || table is null || blob is null)
        {
            throw new InvalidOperationException(
                $"No storage is configured. Set '{ConnectionName}' to a connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or '{ConnectionName}__accountName' for managed identity, or 'Storage__Mode=InMemory' for a single-process trial.");
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        return (new AzureStorageAccount(blob, queue, table, credential, options), "azure");
    }
}
