namespace AgentFunctions.Bench.Report;

/// <summary>Everything one harness run measured, for <see cref="MarkdownReport"/>.</summary>
internal sealed record BenchResults(
    MachineInfo Machine,
    string Command,
    DateTimeOffset Started,
    TimeSpan Elapsed,
    BenchOptions Options,
    IReadOnlyList<Measurement> Runs,
    IReadOnlyList<PeerMeasurement> LangGraph,
    IReadOnlyList<CeilingMeasurement> Ceiling,
    IReadOnlyList<PostMeasurement> Post,
    IReadOnlyDictionary<string, string> Profiles,
    IReadOnlyList<string> Problems,
    string? LoadAtEnd,
    double? OthersCpu)
{
    public Measurement? Find(string scenario, Shape shape, int size) =>
        Runs.FirstOrDefault(r => r.Scenario == scenario && r.Shape == shape && r.Size == size && r.Succeeded);

    public IEnumerable<Measurement> Of(string scenario) => Runs.Where(r => r.Scenario == scenario);
}
