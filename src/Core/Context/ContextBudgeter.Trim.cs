namespace AgentFunctions.Core.Context;

/// <content>Trimming the items of upstream sections to a common cap, or leaving the last ones out.</content>
public static partial class ContextBudgeter
{
    /// <summary>Trims sections with items so that together they take at most <paramref name="available"/> tokens.</summary>
    /// <returns>The sections as sent, their tokens and what was trimmed; null when even their headings alone do not fit.</returns>
    private static TrimResult? Trim(IReadOnlyList<ContextSection> sections, int available, int budgetTokens, string? modelId)
    {
        var itemTokens = sections.Select(s => s.Items!.Items.Select(item => TokenCounter.Count(item, modelId)).ToArray()).ToArray();
        var itemCount = itemTokens.Sum(t => t.Length);
        var largest = itemTokens.SelectMany(t => t).DefaultIfEmpty(0).Max();
        var attempt = new TrimAttempt(sections, itemTokens, budgetTokens, modelId);
        if (attempt.Render(Math.Max(largest, MinItemTokens), itemCount) is { } whole && whole.Total <= available)
        {
            return whole;
        }

        if (attempt.Render(MinItemTokens, itemCount) is { } atMin && atMin.Total <= available)
        {
            // The largest cap that fits: every item over it is cut to it (binary search; the total grows with the cap).
            int low = MinItemTokens, high = largest;
            var best = atMin;
            while (high - low > 1)
            {
                var mid = low + ((high - low) / 2);
                var result = attempt.Render(mid, itemCount);
                (low, high, best) = result.Total <= available ? (mid, high, result) : (low, mid, best);
            }

            return best;
        }

        if (attempt.Render(MinItemTokens, 0) is not { } headings || headings.Total > available)
        {
            return null;
        }

        // Even at the smallest cap the items do not fit: keep as many leading items as fit, leave the rest out with a note.
        int keepLow = 0, keepHigh = itemCount;
        var kept = headings;
        while (keepHigh - keepLow > 1)
        {
            var mid = keepLow + ((keepHigh - keepLow) / 2);
            var result = attempt.Render(MinItemTokens, mid);
            (keepLow, keepHigh, kept) = result.Total <= available ? (mid, keepHigh, result) : (keepLow, mid, kept);
        }

        return kept;
    }

    private sealed record TrimResult(IReadOnlyList<ContextSection> Sections, IReadOnlyList<int> Tokens, IReadOnlyList<ContextTrim> Trims)
    {
        public int Total { get; } = Tokens.Sum();
    }

    private sealed class TrimAttempt(IReadOnlyList<ContextSection> sections, int[][] itemTokens, int budgetTokens, string? modelId)
    {
        /// <summary>Renders the sections with every item cut to <paramref name="cap"/> tokens and only the first <paramref name="keep"/> items (over all sections).</summary>
        public TrimResult Render(int cap, int keep)
        {
            var result = new List<ContextSection>(sections.Count);
            var tokens = new List<int>(sections.Count);
            var trims = new List<ContextTrim>();
            var seen = 0;
            for (var k = 0; k < sections.Count; k++)
            {
                var section = sections[k];
                var items = section.Items!;
                var texts = new List<string>(items.Items.Count);
                var cut = new List<ContextTrimmedItem>();
                int? leftOutFrom = null;
                for (var j = 0; j < items.Items.Count; j++)
                {
                    if (seen++ >= keep)
                    {
                        leftOutFrom = j;
                        break;
                    }

                    if (itemTokens[k][j] > cap)
                    {
                        var (prefix, keptTokens) = TokenCounter.Truncate(items.Items[j], cap, modelId);
                        texts.Add(prefix + ContextItems.TrimmedMarker);
                        cut.Add(new ContextTrimmedItem(j, itemTokens[k][j], keptTokens));
                    }
                    else
                    {
                        texts.Add(items.Items[j]);
                    }
                }

                if (cut.Count == 0 && leftOutFrom is null)
                {
                    result.Add(section);
                    tokens.Add(TokenCounter.Count(section.Content, modelId));
                    continue;
                }

                var leftOut = leftOutFrom is { } from ? items.Items.Count - from : 0;
                var content = items.Render(texts, leftOut);
                var count = TokenCounter.Count(content, modelId);
                result.Add(section with { Content = content, Items = null, KeyContent = null });
                tokens.Add(count);
                var reason = (cut.Count > 0 ? $"{cut.Count} item(s) over {cap} tokens cut to {cap}" : string.Empty)
                    + (cut.Count > 0 && leftOut > 0 ? " and " : string.Empty)
                    + (leftOut > 0 ? $"the last {leftOut} item(s) left out" : string.Empty)
                    + $" to fit the {budgetTokens}-token budget";
                trims.Add(new ContextTrim(section.Name, items.Items.Count, TokenCounter.Count(section.Content, modelId), count, cap, cut, leftOutFrom, reason));
            }

            return new TrimResult(result, tokens, trims);
        }
    }
}
