using System.ComponentModel.DataAnnotations;

namespace AgentFunctions.Core.Orchestration;

/// <summary>The run-requests queue, the run record's table and payload container, and delivery limits. Bound from <c>Orchestration</c>.</summary>
public sealed class OrchestrationOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Orchestration";

    /// <summary>Gets or sets the queue other services put run requests on.</summary>
    [Required]
    public string RunRequestQueue { get; set; } = "run-requests";

    /// <summary>Gets or sets the table holding the run record (one partition per run).</summary>
    [Required]
    public string RunsTable { get; set; } = "Runs";

    /// <summary>Gets or sets the blob container for payloads too large for a queue message or table property.</summary>
    [Required]
    public string PayloadContainer { get; set; } = "payloads";

    /// <summary>Gets or sets how many deliveries a message gets before it is moved to <c>&lt;queue&gt;-poison</c> (the Functions default is 5).</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Gets or sets how often a worker checks whether the run of the node it is executing was cancelled (it then stops the node).</summary>
    public TimeSpan CancellationCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
