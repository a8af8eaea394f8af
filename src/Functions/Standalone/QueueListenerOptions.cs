namespace AgentFunctions.Functions.Standalone;

/// <summary>How the standalone host polls the app's queues: host.json <c>extensions.queues</c>, as the Functions host reads it.</summary>
public sealed class QueueListenerOptions
{
    /// <summary>The configuration section (host.json under <c>AzureFunctionsJobHost</c>).</summary>
    public const string SectionName = "AzureFunctionsJobHost:extensions:queues";

    /// <summary>Gets or sets how many messages one receive takes and handles at once (<c>batchSize</c>, 1–32). Default 16.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Gets or sets the longest wait between polls of an empty queue (<c>maxPollingInterval</c>); polls start at 100 ms and double. Default 2 s.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how long a message that failed stays invisible before its next delivery (<c>visibilityTimeout</c>). Default 5 s.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long a received message stays invisible while it is handled (renewed while the handler runs). Default 2 min.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
