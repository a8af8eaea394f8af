namespace AgentFunctions.Core.Graphs;

/// <summary>Finds the known name closest to a misspelt one (Levenshtein edit distance), for "did you mean" hints.</summary>
internal static class NameSuggestions
{
    /// <summary>Keys other agent-graph formats use, mapped to ours.</summary>
    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["depends_on"] = "needs",
        ["dependsOn"] = "needs",
        ["dependencies"] = "needs",
        ["after"] = "needs",
        ["requires"] = "needs",
        ["args"] = "with",
        ["arguments"] = "with",
        ["params"] = "with",
        ["parameters"] = "with",
        ["input"] = "with",
        ["inputs"] = "with",
        ["agent"] = "skill",
        ["max_retries"] = "retries",
        ["retry"] = "retries",
        ["max_cost"] = "max_cost_usd",
        ["cost_budget_per_execution"] = "max_cost_usd",
        ["max_tokens"] = "max_output_tokens",
        ["steps"] = "nodes",
        ["agents"] = "nodes",
    };

    /// <summary>Returns the candidate closest to <paramref name="name"/>, or null when none is close enough.</summary>
    /// <param name="name">The unknown name.</param>
    /// <param name="candidates">The known names.</param>
    /// <returns>A known name within an edit distance (adjacent transpositions count once) of a third of its length (at least 1 and 2 for longer names), or an alias match.</returns>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var list = candidates as IReadOnlyCollection<string> ?? candidates.ToList();
        if (s_aliases.TryGetValue(name, out var alias) && list.Contains(alias, StringComparer.Ordinal))
        {
            return alias;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in list)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        var allowed = Math.Max(name.Length > 4 ? 2 : 1, Math.Min(name.Length, best?.Length ?? 0) / 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Formats a hint such as <c>; did you mean 'needs'?</c>, or an empty string.</summary>
    /// <param name="name">The unknown name.</param>
    /// <param name="candidates">The known names.</param>
    /// <returns>The hint text.</returns>
    public static string Hint(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } best ? $"; did you mean '{best}'?" : string.Empty;

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
