using Azure.Core.Pipeline;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>Options for <see cref="AzureStorageAccount"/>: message encoding, extra pipeline policies and retries.</summary>
public sealed class AzureStorageAccountOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Storage";

    /// <summary>Gets or sets how queue message text is encoded on the wire; default <see cref="QueueMessageEncoding.Base64"/>.</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;

    /// <summary>
    /// Gets extra policies that run once per storage operation (before retries), for example one that counts operations
    /// for a benchmark. They see the request before it is signed.
    /// </summary>
    public IList<HttpPipelinePolicy> PerCallPolicies { get; } = [];

    /// <summary>Gets or sets how many times a failed request (408, 429, 5xx, network error) is retried; default 3, 0 disables retries.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the first retry delay, doubled on each retry (exponential back-off with jitter); default 0.8 seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Gets or sets the longest retry delay; default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the timeout of one network attempt; default 100 seconds.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
