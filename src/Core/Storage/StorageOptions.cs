namespace AgentFunctions.Core.Storage;

/// <summary>Retry and timeout settings of the Azure Storage clients (tables, queues, blobs). Bound from <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>Gets or sets how many times a failed request (408, 429, 5xx, network error) is retried; default 3, 0 disables retries.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the first retry delay, doubled on each retry (exponential back-off with jitter); default 0.8 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Gets or sets the longest retry delay; default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the timeout of one network attempt; default 100 s.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
