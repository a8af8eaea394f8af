using System.Security.Cryptography;
using System.Text;

namespace AgentFunctions.Core.Auth;

/// <summary>
/// The key format <c>afk_&lt;id&gt;_&lt;secret&gt;</c>: a 12-hex-character id that finds the stored row, and a 256-bit random secret
/// (base64url, 43 characters) of which only the SHA-256 is stored. A fast hash is right here, unlike for passwords: the
/// secret is random with 256 bits of entropy, so it cannot be guessed from its hash (the practice of GitHub's and
/// Stripe's API keys).
/// </summary>
public static class ApiKeySecrets
{
    /// <summary>The prefix of every key this app issues.</summary>
    public const string Prefix = "afk_";

    /// <summary>Makes a new key.</summary>
    /// <returns>The id, the full key to hand to the caller once, and the secret's hash to store.</returns>
    public static (string Id, string Key, string SecretHash) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    /// <summary>Splits a presented key into id and secret.</summary>
    /// <param name="key">The key as sent.</param>
    /// <param name="id">The id.</param>
    /// <param name="secret">The secret.</param>
    /// <returns>False when it does not have this app's format.</returns>
    public static bool TryParse(string key, out string id, out string secret)
    {
        ArgumentNullException.ThrowIfNull(key);
        id = secret = string.Empty;
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length != Prefix.Length + 12 + 1 + 43 || key[Prefix.Length + 12] != '_')
        {
            return false;
        }

        id = key.Substring(Prefix.Length, 12);
        secret = key[(Prefix.Length + 13)..];
        return id.All(char.IsAsciiHexDigitLower);
    }

    /// <summary>The SHA-256 of a secret, lowercase hex.</summary>
    /// <param name="secret">The secret (or any key text).</param>
    /// <returns>64 hex characters.</returns>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares two hashes in time independent of where they differ.</summary>
    /// <param name="a">One hash.</param>
    /// <param name="b">The other.</param>
    /// <returns>True when equal.</returns>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
