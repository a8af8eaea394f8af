namespace AgentFunctions.Bench;

internal static class Stats
{
    /// <summary>The nearest-rank quantile (q in 0–1) of the values, or null when there are none.</summary>
    public static double? Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5) ?? double.NaN;
}
