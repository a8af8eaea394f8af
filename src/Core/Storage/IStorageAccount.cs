namespace AgentFunctions.Core.Storage;

/// <summary>
/// Entry point to one storage account: hands out clients for queues, tables and blob containers.
/// Two implementations exist: <c>AzureStorageAccount</c> (Azure Storage or Azurite over REST) and
/// <c>InMemoryStorageAccount</c> (unit tests and the zero-dependency quick start). Both pass the same
/// conformance test suite.
/// </summary>
public interface IStorageAccount
{
    /// <summary>Gets a client for the queue <paramref name="queueName"/>; no I/O happens until a method is called.</summary>
    /// <param name="queueName">Queue name: 3–63 lowercase letters, digits and single hyphens.</param>
    /// <returns>A client bound to that queue.</returns>
    /// <exception cref="ArgumentException">The name breaks the Azure naming rules.</exception>
    IQueueClient GetQueueClient(string queueName);

    /// <summary>Gets a client for the table <paramref name="tableName"/>; no I/O happens until a method is called.</summary>
    /// <param name="tableName">Table name: 3–63 letters and digits, starting with a letter.</param>
    /// <returns>A client bound to that table.</returns>
    /// <exception cref="ArgumentException">The name breaks the Azure naming rules.</exception>
    ITableClient GetTableClient(string tableName);

    /// <summary>Gets a client for the blob container <paramref name="containerName"/>.</summary>
    /// <param name="containerName">Container name: 3–63 lowercase letters, digits and single hyphens.</param>
    /// <returns>A client bound to that container.</returns>
    /// <exception cref="ArgumentException">The name breaks the Azure naming rules.</exception>
    IBlobContainerClient GetBlobContainerClient(string containerName);
}
