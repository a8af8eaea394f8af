using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace AgentFunctions.Core.Storage;

/// <summary>
/// How to reach the storage account, read the way the Functions host reads a connection named <c>AzureWebJobsStorage</c>:
/// a connection string (<c>UseDevelopmentStorage=true</c> for Azurite included), or identity-based settings
/// <c>AzureWebJobsStorage__accountName</c> or <c>__blobServiceUri</c> / <c>__queueServiceUri</c> / <c>__tableServiceUri</c>, with
/// <c>__clientId</c> for a user-assigned managed identity, authenticated by <see cref="DefaultAzureCredential"/>
/// (learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity).
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The connection name, as in host.json and every queue trigger.</summary>
    public const string DefaultName = "AzureWebJobsStorage";

    private StorageConnection(string? connectionString, Uri? blob, Uri? queue, Uri? table, TokenCredential? credential, string label)
    {
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        QueueServiceUri = queue;
        TableServiceUri = table;
        Credential = credential;
        Label = label;
    }

    /// <summary>Gets the connection string, or null for an identity-based connection.</summary>
    public string? ConnectionString { get; }

    /// <summary>Gets the blob endpoint of an identity-based connection, or null.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>Gets the queue endpoint of an identity-based connection, or null.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>Gets the table endpoint of an identity-based connection, or null.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>Gets the credential of an identity-based connection, or null.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>Gets <c>azurite</c>, <c>azure</c> (connection string) or <c>azure-identity</c>, for <c>/api/health</c>.</summary>
    public string Label { get; }

    /// <summary>Reads the connection from configuration.</summary>
    /// <param name="configuration">App configuration.</param>
    /// <param name="name">The connection name.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="InvalidOperationException">Nothing is configured; the message names the settings to set.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    public static StorageConnection FromConfiguration(IConfiguration configuration, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return FromConnectionString(section.Value);
        }

        var account = section["accountName"];
        Uri? Service(string key, string kind) =>
            section[key] is { Length: > 0 } uri ? new Uri(uri) : account is { Length: > 0 } ? new Uri($"https://{account}.{kind}.core.windows.net") : null;
        var blob = Service("blobServiceUri", "blob");
        var queue = Service("queueServiceUri", "queue");
        var table = Service("tableServiceUri", "table");
        if (blob is null || queue is null || table is null)
        {
            throw new InvalidOperationException(
                $"No storage is configured. Set '{name}' to a connection string ('UseDevelopmentStorage=true' for a local Azurite), " +
                $"or '{name}__accountName' (or '{name}__blobServiceUri', '__queueServiceUri' and '__tableServiceUri') for a managed identity.");
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        return new StorageConnection(null, blob, queue, table, credential, "azure-identity");
    }

    /// <summary>Creates a connection from a connection string (tests, tools).</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var label = connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("devstoreaccount1", StringComparison.Ordinal) ? "azurite" : "azure";
        return new StorageConnection(connectionString, null, null, null, null, label);
    }
}
