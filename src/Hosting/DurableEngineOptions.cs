using Microsoft.Extensions.Configuration;

namespace AgentFunctions.Hosting;

/// <summary>
/// How the standalone host runs the Durable Task Framework: the same settings, under the same names, as Durable Functions
/// reads from host.json <c>extensions.durableTask</c> (and overrides from app settings
/// <c>AzureFunctionsJobHost__extensions__durableTask__…</c>), so both hosts of a task hub behave alike.
/// </summary>
public sealed class DurableEngineOptions
{
    /// <summary>The configuration section of host.json's Durable Task settings.</summary>
    public const string SectionName = "AzureFunctionsJobHost:extensions:durableTask";

    /// <summary>Gets or sets the task hub name (<c>hubName</c>): tables and queues of the hub are named after it. Default <c>AgentFunctions</c>.</summary>
    public string HubName { get; set; } = "AgentFunctions";

    /// <summary>Gets or sets the backend: <c>AzureStorage</c> (default; the <c>AzureWebJobsStorage</c> account) or <c>InMemory</c> (one process; tests and benchmarks). Setting <c>Durable:Backend</c>.</summary>
    public string Backend { get; set; } = "AzureStorage";

    /// <summary>Gets or sets the number of control-queue partitions (<c>storageProvider.partitionCount</c>, 1–16): how many hosts can run orchestrations at once. Default 4.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Gets or sets the longest wait between polls of an idle queue (<c>storageProvider.maxQueuePollingInterval</c>). Durable Functions' default is 30 s; host.json here sets 1 s.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many control-queue messages are fetched at once (<c>storageProvider.controlQueueBatchSize</c>). Default 32.</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>Gets or sets how long a dequeued control-queue message stays invisible (<c>storageProvider.controlQueueVisibilityTimeout</c>); a crashed host's orchestration messages reappear after it. Default 5 min.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long a dequeued activity message stays invisible (<c>storageProvider.workItemQueueVisibilityTimeout</c>); a crashed host's node attempts run again after it (a running host renews it). Default 5 min.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets whether orchestrations stay in memory between episodes (<c>extendedSessionsEnabled</c>), saving the replay of their history. Default false.</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary>Gets or sets how long an idle extended session is kept (<c>extendedSessionIdleTimeoutInSeconds</c>). Default 30 s.</summary>
    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 30;

    /// <summary>Gets or sets how many activities (node attempts) run at once in this process (<c>maxConcurrentActivityFunctions</c>). Default 10 × processors.</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Gets or sets how many orchestration episodes run at once in this process (<c>maxConcurrentOrchestratorFunctions</c>). Default 10 × processors.</summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Gets or sets this process's worker id (setting <c>Durable:WorkerId</c>); default <c>machine:pid</c>, unique per process, so hosts on one machine do not both claim a partition.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Reads the options: host.json's <c>extensions.durableTask</c> (with its <c>storageProvider</c>), then <c>Durable:Backend</c> and <c>Durable:WorkerId</c>.</summary>
    /// <param name="configuration">App configuration (with host.json loaded by <see cref="HostJson"/>).</param>
    /// <returns>The options.</returns>
    /// <exception cref="InvalidOperationException">A value is out of range.</exception>
    public static DurableEngineOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new DurableEngineOptions();
        var section = configuration.GetSection(SectionName);
        section.Bind(options);
        section.GetSection("storageProvider").Bind(options);
        options.Backend = configuration["Durable:Backend"] is { Length: > 0 } backend ? backend : options.Backend;
        options.WorkerId = configuration["Durable:WorkerId"] is { Length: > 0 } workerId ? workerId : options.WorkerId;
        if (options.PartitionCount is < 1 or > 16)
        {
            throw new InvalidOperationException($"{SectionName}:storageProvider:partitionCount must be 1–16 (it is {options.PartitionCount}).");
        }

        if (options.Backend is not ("AzureStorage" or "InMemory"))
        {
            throw new InvalidOperationException($"Durable:Backend must be AzureStorage or InMemory (it is '{options.Backend}').");
        }

        return options;
    }
}
