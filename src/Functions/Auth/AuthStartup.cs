using System.Net;
using AgentFunctions.Core.Auth;

namespace AgentFunctions.Functions.Auth;

/// <summary>
/// Checks at startup how authentication is set: off (<c>Auth:Enabled=false</c>) is accepted only by the standalone host when every
/// address it listens on is a loopback address, and then it logs a warning; on, without <c>Auth:AdminKey</c>, it logs that only keys
/// already in the table can call the API.
/// </summary>
internal static partial class AuthStartup
{
    /// <summary>Checks the settings.</summary>
    /// <param name="options">The auth options.</param>
    /// <param name="listenUrls">The URLs the standalone host listens on, or null under the Functions host.</param>
    /// <param name="logger">Logs the warnings.</param>
    /// <exception cref="InvalidOperationException">Authentication is off on a host that is not loopback-only.</exception>
    public static void Check(AuthOptions options, IReadOnlyList<string>? listenUrls, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            var exposed = listenUrls is null ? ["the Functions host"] : listenUrls.Where(u => !IsLoopback(u)).ToList();
            if (exposed.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Auth:Enabled=false is allowed only for development on the standalone host listening on loopback addresses; this app listens on {string.Join(", ", exposed)}. Remove Auth__Enabled or listen on http://127.0.0.1:<port>.");
            }

            LogAuthOff(logger, string.Join(", ", listenUrls!));
        }
        else if (string.IsNullOrEmpty(options.AdminKey))
        {
            LogNoAdminKey(logger);
        }
    }

    /// <summary>Whether a listen URL binds only a loopback address (<c>127.0.0.0/8</c>, <c>[::1]</c>, <c>localhost</c>).</summary>
    /// <param name="url">A URL such as <c>http://127.0.0.1:7071</c> or <c>http://*:80</c>.</param>
    /// <returns>True for loopback only.</returns>
    public static bool IsLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.Split("://", 2) is [_, var rest] ? rest : url;
        host = host.Split('/')[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "API authentication is OFF (Auth:Enabled=false): every caller on {Urls} can read and change every domain. Use this only for local development.")]
    private static partial void LogAuthOff(ILogger logger, string urls);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Auth:AdminKey is not set: only API keys already stored in the key table can call the API, and none can be created until it is set.")]
    private static partial void LogNoAdminKey(ILogger logger);
}
