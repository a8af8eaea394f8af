using System.ComponentModel.DataAnnotations;

namespace AgentFunctions.Core.Hosting;

/// <summary>How the app polls queues when no Functions host triggers it. Bound from <c>Standalone</c>.</summary>
public sealed class StandaloneOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Standalone";

    /// <summary>Gets or sets how many work items (node attempts) one process runs at once.</summary>
    [Range(1, 256)]
    public int MaxConcurrentWorkItems { get; set; } = 8;

    /// <summary>Gets or sets how long a received message stays invisible (the lease); work items renew it every third of this while they run.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the shortest wait between polls of an empty queue.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets or sets the longest wait between polls of an empty queue (the back-off doubles up to it; any message resets it).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);
}
