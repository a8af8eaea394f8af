using AgentFunctions.Bench.Hosting;

namespace AgentFunctions.Bench.Report;

/// <summary>How a measured run ended.</summary>
internal enum Outcome
{
    Succeeded,

    /// <summary>The scheduler refused the shape with a "not supported yet" error (a known limit).</summary>
    NotSupported,

    Failed,
    TimedOut,
}

/// <summary>One measured run of a graph.</summary>
internal sealed record RunSample(
    Outcome Outcome,
    double WallMs,
    double CreateMs,
    long NodesDone,
    OperationCounts Operations,
    IReadOnlyList<double> StepGapsMs,
    string? Detail,
    string? Reason,
    double? DispatchMs = null,
    double? FanInMs = null);

/// <summary>The summary of the runs of one (scenario, shape, size): the median run's numbers.</summary>
internal sealed record RunMeasurement(string Scenario, Shape Shape, int Size, IReadOnlyList<RunSample> Samples)
{
    public int Nodes => Shape.NodeCount(Size);

    public RunSample Median
    {
        get
        {
            var ok = Samples.Where(s => s.Outcome == Outcome.Succeeded).OrderBy(s => s.WallMs).ToList();
            return ok.Count == 0 ? Samples[^1] : ok[(ok.Count - 1) / 2];
        }
    }

    public Outcome Outcome => Median.Outcome;

    public bool Succeeded => Outcome == Outcome.Succeeded;

    public double WallMs => Median.WallMs;

    public double NodesPerSecond => Nodes / (WallMs / 1000);

    public double MsPerNode => WallMs / Nodes;

    public double? StepP50Ms => Stats.Quantile(Median.StepGapsMs, 0.50);

    public double? StepP95Ms => Stats.Quantile(Median.StepGapsMs, 0.95);

    public double OpsPerNode => (double)Median.Operations.Total / Nodes;

    public double OpsPerNodeWithoutEmptyPolls => (double)(Median.Operations.Total - Median.Operations.EmptyPolls) / Nodes;
}

/// <summary>One raw Azurite operation loop.</summary>
internal sealed record CeilingMeasurement(string Operation, int Count, double SequentialOpsPerSecond, double ConcurrentOpsPerSecond, int Concurrency);

/// <summary>One LangGraph.js size.</summary>
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
