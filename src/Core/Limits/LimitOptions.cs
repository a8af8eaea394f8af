namespace AgentFunctions.Core.Limits;

/// <summary>
/// Limits on what a request may ask for (OWASP LLM10:2025, unbounded consumption). Bound from <c>Limits</c>; every limit is named
/// in the error that enforces it. YAML text has its own fixed limits (<see cref="Graphs.YamlLimits"/>: 1 MiB, 64 levels).
/// </summary>
public sealed class LimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Limits";

    /// <summary>Gets or sets the most bytes an HTTP request body may have (default 2 MiB: a 1 MiB graph plus inputs); more is 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Gets or sets the most bytes of a run's or a skill execution's inputs as compact UTF-8 JSON (default 256 KiB); more is 413.</summary>
    public int MaxInputBytes { get; set; } = 256 * 1024;

    /// <summary>Gets or sets the most nodes a graph may declare (default 10,000); more is 400.</summary>
    public int MaxGraphNodes { get; set; } = 10_000;

    /// <summary>Gets or sets the most nodes on one chain of <c>needs</c> (the graph's depth, default 1,000); more is 400.</summary>
    public int MaxGraphDepth { get; set; } = 1_000;

    /// <summary>Gets or sets the most instances one <c>for_each</c> node may declare with <c>max_items</c> (default 10,000, the language's own bound); more is 400.</summary>
    public int MaxForEachItems { get; set; } = 10_000;

    /// <summary>Gets or sets the table of per-domain run slots (<see cref="RunSlots"/>, default <c>RunSlots</c>).</summary>
    public string RunSlotsTable { get; set; } = "RunSlots";
}
