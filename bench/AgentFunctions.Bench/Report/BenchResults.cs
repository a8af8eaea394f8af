namespace AgentFunctions.Bench.Report;

/// <summary>Everything one invocation of the harness measured.</summary>
internal sealed record BenchResults(
    MachineInfo Machine,
    string Command,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    BenchOptions Options,
    IReadOnlyList<RunMeasurement> InMemory,
    IReadOnlyList<RunMeasurement> Azurite,
    IReadOnlyDictionary<string, string> AzuriteSettings,
    IReadOnlyList<CeilingMeasurement> Ceiling,
    IReadOnlyList<PeerMeasurement> Peers,
    IReadOnlyList<string> Problems,
    string? LoadAtEnd,
    double? OthersCpuShare)
{
    /// <summary>Other processes used more than this share of the CPUs: the report says the numbers are noisy.</summary>
    public const double BusyShare = 0.10;

    public const string InMemoryScenario = "in-memory";

    public static string AzuriteScenario(string polling) => $"Azurite, {polling} polling";

    public RunMeasurement? Find(string scenario, Shape shape, int size) =>
        InMemory.Concat(Azurite).FirstOrDefault(m => m.Scenario == scenario && m.Shape == shape && m.Size == size);

    public PeerMeasurement? Peer(Shape shape, int size) => Peers.FirstOrDefault(p => p.Shape == shape && p.Size == size);

    /// <summary>The median throughput of the simple raw operations with 8 in flight (ops/s), or null when not measured.</summary>
    public double? CeilingOpsPerSecond =>
        Ceiling.Count == 0 ? null : Stats.Median([.. Ceiling.Where(c => !c.Operation.Contains("batch", StringComparison.Ordinal)).Select(c => c.ConcurrentOpsPerSecond)]);
}
