using AgentFunctions.Hosting;

namespace AgentFunctions.Bench.Engine;

/// <summary>A named set of Durable Task settings (host.json <c>extensions.durableTask</c> names) a scenario runs with.</summary>
internal sealed record DurableProfile(string Name, int Partitions, bool ExtendedSessions, TimeSpan MaxPolling, int Activities, int Orchestrators)
{
    /// <summary>The settings the benchmarks recommend for one task hub on Azurite (found by the tuning rows of bench/results.md).</summary>
    public static readonly DurableProfile Tuned = new("tuned", 1, true, TimeSpan.FromMilliseconds(100), 100, 10);

    /// <summary>The repository's host.json as shipped.</summary>
    public static readonly DurableProfile HostJson = new("host.json", 4, false, TimeSpan.FromSeconds(1), 20, 10);

    public DurableEngineOptions Options(string hub) => new()
    {
        HubName = hub,
        PartitionCount = Partitions,
        ExtendedSessionsEnabled = ExtendedSessions,
        MaxQueuePollingInterval = MaxPolling,
        MaxConcurrentActivityFunctions = Activities,
        MaxConcurrentOrchestratorFunctions = Orchestrators,
    };

    /// <summary>The same settings as app settings of the standalone host (environment variables).</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        const string prefix = "AzureFunctionsJobHost__extensions__durableTask__";
        return new Dictionary<string, string>
        {
            [prefix + "storageProvider__partitionCount"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [prefix + "storageProvider__maxQueuePollingInterval"] = MaxPolling.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            [prefix + "extendedSessionsEnabled"] = ExtendedSessions ? "true" : "false",
            [prefix + "maxConcurrentActivityFunctions"] = Activities.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [prefix + "maxConcurrentOrchestratorFunctions"] = Orchestrators.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public string Describe() =>
        $"{Partitions} partition(s), extended sessions {(ExtendedSessions ? "on" : "off")}, max queue polling {MaxPolling.TotalMilliseconds:0} ms, "
        + $"{Activities} activities and {Orchestrators} orchestrations at once";
}
