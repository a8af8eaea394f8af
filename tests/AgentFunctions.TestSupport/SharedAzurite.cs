using AgentFunctions.Cli.Local;
using AgentFunctions.Core.Storage;

namespace AgentFunctions.TestSupport;

/// <summary>
/// One real Azurite per test process, started on first use on free ports and stopped (by its process id) when the process
/// exits, for the many test classes that need Table, Queue or Blob storage but not a host of their own. Each user takes
/// its own tables or containers (names with a random suffix), so tests stay independent.
/// </summary>
public static class SharedAzurite
{
    private static readonly SemaphoreSlim s_lock = new(1, 1);
    private static AzuriteProcess? s_azurite;

    /// <summary>Gets the connection string, starting Azurite if needed.</summary>
    /// <returns>The connection string.</returns>
    public static async Task<string> ConnectionStringAsync()
    {
        await s_lock.WaitAsync();
        try
        {
            if (s_azurite is null)
            {
                s_azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => s_azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return s_azurite.ConnectionString;
        }
        finally
        {
            s_lock.Release();
        }
    }

    /// <summary>Gets storage clients for the shared Azurite.</summary>
    /// <returns>The clients.</returns>
    public static async Task<StorageClients> ClientsAsync() =>
        new(StorageConnection.FromConnectionString(await ConnectionStringAsync()), new StorageOptions());

    /// <summary>Gets a fresh name suffix (12 hex digits) for tables, queues and containers of one test.</summary>
    /// <returns>The suffix.</returns>
    public static string Suffix() => Guid.NewGuid().ToString("N")[..12];
}
