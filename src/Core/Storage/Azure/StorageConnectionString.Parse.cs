namespace AgentFunctions.Core.Storage.Azure;

/// <content>Parsing.</content>
public sealed partial class StorageConnectionString
{
    private static readonly string[] s_knownKeys =
        ["UseDevelopmentStorage", "DefaultEndpointsProtocol", "AccountName", "AccountKey", "EndpointSuffix", "BlobEndpoint", "QueueEndpoint", "TableEndpoint"];

    /// <summary>Parses a connection string.</summary>
    /// <param name="connectionString"><c>Key=Value</c> pairs separated by <c>;</c>; keys are case-insensitive.</param>
    /// <returns>The parsed connection string.</returns>
    /// <exception cref="ArgumentException">The string is null, empty or white space.</exception>
    /// <exception cref="FormatException">A key is missing, unknown, repeated or has a bad value; the message names the key and never contains the account key.</exception>
    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var pairs = Split(connectionString);
        if (pairs.TryGetValue("UseDevelopmentStorage", out var useDev))
        {
            if (!string.Equals(useDev, "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException("Storage connection string: UseDevelopmentStorage must be 'true' when present.");
            }

            if (pairs.Count > 1)
            {
                throw new FormatException("Storage connection string: UseDevelopmentStorage=true cannot be combined with other keys; give the endpoints explicitly instead.");
            }

            return new StorageConnectionString(
                DevelopmentAccountName,
                Convert.FromBase64String(DevelopmentAccountKey),
                new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10001/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10002/{DevelopmentAccountName}"),
                isDevelopmentStorage: true);
        }

        var accountName = Required(pairs, "AccountName");
        var key = DecodeKey(Required(pairs, "AccountKey"));
        var protocol = pairs.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException("Storage connection string: DefaultEndpointsProtocol must be 'http' or 'https'.");
        }

        var suffix = pairs.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        if (suffix.Length == 0)
        {
            throw new FormatException("Storage connection string: EndpointSuffix is empty.");
        }

        Uri Endpoint(string name, string service) => pairs.TryGetValue(name, out var explicitValue)
            ? ParseEndpoint(name, explicitValue)
            : new Uri($"{protocol}://{accountName}.{service}.{suffix}");

        return new StorageConnectionString(
            accountName, key, Endpoint("BlobEndpoint", "blob"), Endpoint("QueueEndpoint", "queue"), Endpoint("TableEndpoint", "table"), isDevelopmentStorage: false);
    }

    private static Dictionary<string, string> Split(string connectionString)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                // Never echo the part: it might be a key.
                throw new FormatException("Storage connection string: every part must look like Key=Value.");
            }

            var name = part[..equals].Trim();
            var known = Array.Find(s_knownKeys, k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"Storage connection string: unknown key '{name}' (supported: {string.Join(", ", s_knownKeys)}).");
            if (!pairs.TryAdd(known, part[(equals + 1)..].Trim()))
            {
                throw new FormatException($"Storage connection string: key '{known}' appears more than once.");
            }
        }

        return pairs;
    }

    private static string Required(Dictionary<string, string> pairs, string name) =>
        pairs.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"Storage connection string: {name} is missing.");

    private static byte[] DecodeKey(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new FormatException("Storage connection string: AccountKey is not valid base64.");
        }
    }

    private static Uri ParseEndpoint(string name, string value)
    {
        if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0)
        {
            throw new FormatException($"Storage connection string: {name} '{value}' is not an absolute http(s) URL without a query.");
        }

        return uri;
    }
}
