using Azure;

namespace AgentFunctions.Core.Storage;

/// <summary>
/// The client-side checks that <c>AzureStorageAccount</c> and <c>InMemoryStorageAccount</c> both run before any request,
/// so that both report the same <see cref="RequestFailedException"/> or <see cref="ArgumentException"/> for the same input.
/// This file: resource names; the queue and table files hold the per-service limits.
/// </summary>
internal static partial class StorageLimitChecks
{
    /// <summary>Checks a queue name: 3–63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    /// <param name="name">The queue name.</param>
    public static void CheckQueueName(string name) => CheckLowercaseHyphenName(name, "queue", nameof(name));

    /// <summary>Checks a blob container name (same rules as queue names).</summary>
    /// <param name="name">The container name.</param>
    public static void CheckContainerName(string name) => CheckLowercaseHyphenName(name, "container", nameof(name));

    /// <summary>Checks a table name: 3–63 letters and digits, starting with a letter, not <c>tables</c>.</summary>
    /// <param name="name">The table name.</param>
    public static void CheckTableName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var ok = name.Length is >= 3 and <= 63
            && char.IsAsciiLetter(name[0])
            && name.All(char.IsAsciiLetterOrDigit)
            && !string.Equals(name, "tables", StringComparison.OrdinalIgnoreCase);
        if (!ok)
        {
            throw new ArgumentException(
                $"Table name '{name}' is invalid: use 3-63 letters and digits, starting with a letter (and not 'tables').", nameof(name));
        }
    }

    /// <summary>Checks a blob name: 1–1024 characters, no control characters, not ending with <c>.</c> or <c>/</c>.</summary>
    /// <param name="blobName">The blob name.</param>
    public static void CheckBlobName(string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        if (blobName.Length > 1024 || blobName.Any(char.IsControl) || blobName.EndsWith('.') || blobName.EndsWith('/'))
        {
            throw new ArgumentException(
                $"Blob name '{blobName}' is invalid: use 1-1024 characters without control characters, not ending with '.' or '/'.",
                nameof(blobName));
        }
    }

    private static void CheckLowercaseHyphenName(string name, string kind, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        var ok = name.Length is >= 3 and <= 63
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && name[0] != '-'
            && name[^1] != '-'
            && !name.Contains("--", StringComparison.Ordinal);
        if (!ok)
        {
            throw new ArgumentException(
                $"The {kind} name '{name}' is invalid: use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                paramName);
        }
    }
}
