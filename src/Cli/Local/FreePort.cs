using System.Net;
using System.Net.Sockets;

namespace AgentFunctions.Cli.Local;

/// <summary>Finds TCP ports on 127.0.0.1 that are free right now.</summary>
public static class FreePort
{
    /// <summary>Asks the OS for a free loopback port by binding port 0 and releasing it.</summary>
    /// <returns>A port number that was free when checked (another process may take it later; callers retry on bind failure).</returns>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Asks the OS for several free loopback ports at once: each stays bound until all are chosen, so they differ
    /// (consecutive <see cref="Next"/> calls may get the same port back).</summary>
    /// <param name="count">How many ports (1 or more).</param>
    /// <returns>Distinct port numbers that were free when checked.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public static int[] Distinct(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>Waits until a TCP connection to 127.0.0.1:<paramref name="port"/> succeeds.</summary>
    /// <param name="port">The port.</param>
    /// <param name="timeout">How long to keep trying.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when a connection succeeded, false on timeout.</returns>
    public static async Task<bool> WaitForListenerAsync(int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        return false;
    }
}
