namespace AgentFunctions.Core.Storage;

/// <summary>
/// Azure Storage limits the stores plan for (Azurite does not enforce all of them, Azure does).
/// Source: learn.microsoft.com "Scalability and performance targets for Queue Storage / Table storage" and the
/// Put Message and entity-group transaction REST references.
/// </summary>
public static class StorageLimits
{
    /// <summary>A queue message holds at most 64 KiB; messages are sent base64-encoded, so the text may be at most 48 KiB (UTF-8 bytes).</summary>
    public const int MaxQueueMessageTextBytes = 48 * 1024;

    /// <summary>Payloads larger than this (UTF-8 bytes, 45 KiB) are moved to a blob and replaced by a reference (the Durable Task Framework's threshold).</summary>
    public const int LargePayloadThresholdBytes = 45 * 1024;

    /// <summary>Most characters in one string property: 64 KiB of UTF-16 (32,768 characters).</summary>
    public const int MaxStringPropertyChars = 32 * 1024;

    /// <summary>Most bytes in one binary property: 64 KiB.</summary>
    public const int MaxBinaryPropertyBytes = 64 * 1024;

    /// <summary>Most bytes in one entity, as the service counts them: 1 MiB.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Most user properties on one entity (255 minus PartitionKey, RowKey and Timestamp).</summary>
    public const int MaxEntityProperties = 252;

    /// <summary>Most actions in one entity-group transaction.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>Most bytes in one entity-group transaction payload: 4 MiB.</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    /// <summary>Most characters in a partition or row key: 1 KiB of UTF-16 (512 characters).</summary>
    public const int MaxKeyChars = 512;
}
