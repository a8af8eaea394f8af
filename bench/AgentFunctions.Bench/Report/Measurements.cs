namespace AgentFunctions.Bench.Report;

/// <summary>How a measured run ended.</summary>
internal enum Outcome
{
    Succeeded,
    NotSupported,
    Failed,
    TimedOut,
}

/// <summary>
/// One measured (scenario, shape, size): the median of its runs. <see cref="WallMs"/> is from the start request to the
/// observed end (ms); <see cref="Requests"/> counts storage requests of that median run (null where not counted);
/// <see cref="StepGapsMs"/> are the gaps between consecutive chain steps' starts (ms); <see cref="PeakRssMb"/> is a host
/// process's peak resident set (MiB, <c>VmHWM</c>).
/// </summary>
internal sealed record Measurement(
    string Scenario,
    Shape Shape,
    int Size,
    Outcome Outcome,
    string? Reason,
    int Runs,
    double WallMs,
    long? Requests,
    IReadOnlyList<double> StepGapsMs,
    double? PeakRssMb = null,
    string? Notes = null,
    double? CpuBusy = null)
{
    public int Nodes => Shape.NodeCount(Size);

    public bool Succeeded => Outcome == Outcome.Succeeded;

    public double NodesPerSecond => Nodes / (WallMs / 1000);

    public double? RequestsPerNode => Requests is { } r ? (double)r / Nodes : null;

    public double? StepP50Ms => Stats.Quantile(StepGapsMs, 0.50);

    public double? StepP95Ms => Stats.Quantile(StepGapsMs, 0.95);

    public static Measurement Failed(string scenario, Shape shape, int size, Outcome outcome, string reason) =>
        new(scenario, shape, size, outcome, reason, 0, double.NaN, null, []);
}

/// <summary>One raw Azurite operation loop: operations per second one at a time and with <see cref="Concurrency"/> in flight.</summary>
internal sealed record CeilingMeasurement(string Operation, int Count, double SequentialOpsPerSecond, double ConcurrentOpsPerSecond, int Concurrency);

/// <summary>One LangGraph.js size (times in ms, heap in MiB).</summary>
internal sealed record PeerMeasurement(
    Shape Shape,
    int Size,
    Outcome Outcome,
    string? Reason,
    int Runs,
    double MedianMs,
    double? StepP50Ms,
    double? StepP95Ms,
    double? HeapDeltaMb,
    string? Versions)
{
    public int Nodes => Shape.NodeCount(Size);
}

/// <summary>The <c>POST /api/runs</c> load: latencies (ms) of every request sent at <see cref="Rate"/> per second, and how many failed.</summary>
internal sealed record PostMeasurement(int Rate, double Seconds, IReadOnlyList<double> LatenciesMs, int Failures, string? Reason)
{
    /// <summary>Gets the share (0–1) of the machine's cores that were busy during the load.</summary>
    public double? CpuBusy { get; init; }

    public double? P50 => Stats.Quantile(LatenciesMs, 0.50);

    public double? P99 => Stats.Quantile(LatenciesMs, 0.99);

    public double? Max => LatenciesMs.Count == 0 ? null : LatenciesMs.Max();
}
