namespace AgentFunctions.Bench.Hosting;

/// <summary>Storage operations by kind: how many, and their total time (Stopwatch ticks of TimeSpan, 100 ns).</summary>
internal sealed record OperationCounts(IReadOnlyDictionary<string, (long Count, long Ticks)> ByKind)
{
    public const string EmptyPoll = "queue get (empty)";

    public static OperationCounts None { get; } = new(new Dictionary<string, (long, long)>());

    public long Total => ByKind.Values.Sum(v => v.Count);

    public long EmptyPolls => ByKind.TryGetValue(EmptyPoll, out var v) ? v.Count : 0;

    public OperationCounts Minus(OperationCounts before) => new(ByKind
        .Select(kv => (kv.Key, Count: kv.Value.Count - before.Get(kv.Key).Count, Ticks: kv.Value.Ticks - before.Get(kv.Key).Ticks))
        .Where(x => x.Count > 0)
        .ToDictionary(x => x.Key, x => (x.Count, x.Ticks), StringComparer.Ordinal));

    public (long Count, long Ticks) Get(string kind) => ByKind.TryGetValue(kind, out var v) ? v : (0, 0);

    /// <summary>Mean time of one operation of a kind, in milliseconds.</summary>
    public double MeanMs(string kind) => Get(kind) is { Count: > 0 } v ? TimeSpan.FromTicks(v.Ticks).TotalMilliseconds / v.Count : 0;
}
