namespace AgentFunctions.Core.Context;

/// <summary>
/// Fits prompt sections into a token budget. Every system and input section is kept. When the whole is over budget: first
/// droppable sections without items (repository files) are dropped, lowest priority first — among equal priorities the
/// later one first; then the items of sections that have them (upstream outputs, see <see cref="ContextSection.Items"/>) are
/// trimmed fairly — every item over a common cap is cut to it, the largest cap that fits is chosen, so the largest items lose
/// most and small items are untouched; when even a cap of <see cref="MinItemTokens"/> does not fit, the last items are left
/// out with a note; only when the headings alone do not fit are those sections dropped. Tokens are counted with the model's
/// encoding (<see cref="TokenCounter"/>).
/// </summary>
public static partial class ContextBudgeter
{
    /// <summary>The smallest cap, in tokens, items are cut to before the last items are left out instead.</summary>
    public const int MinItemTokens = 16;

    /// <summary>Chooses which sections to keep, and trims the items of upstream sections when needed.</summary>
    /// <param name="sections">All candidate sections, in prompt order.</param>
    /// <param name="budgetTokens">The budget in tokens (positive).</param>
    /// <param name="modelId">The model the prompt is for (its encoding counts the tokens), or null for <c>o200k_base</c>.</param>
    /// <returns>The kept sections (in the original order, trimmed ones with their trimmed content) and the manifest describing the choice.</returns>
    /// <exception cref="ContextBudgetExceededException">The sections that cannot be dropped alone exceed the budget.</exception>
    public static (IReadOnlyList<ContextSection> Kept, ContextManifest Manifest) Fit(IReadOnlyList<ContextSection> sections, int budgetTokens, string? modelId = null)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetTokens);
        var tokens = sections.Select(s => TokenCounter.Count(s.Content, modelId)).ToArray();
        var fixedTokens = sections.Select((s, i) => s.Droppable ? 0 : tokens[i]).Sum();
        if (fixedTokens > budgetTokens)
        {
            throw new ContextBudgetExceededException(fixedTokens, budgetTokens);
        }

        var current = sections.ToArray();
        var kept = new bool[current.Length];
        Array.Fill(kept, true);
        var total = tokens.Sum();
        var drops = new List<ContextDrop>();
        var trims = new List<ContextTrim>();
        var order = Enumerable.Range(0, current.Length)
            .Where(i => current[i].Droppable)
            .OrderBy(i => current[i].Priority)
            .ThenByDescending(i => i)
            .ToList();

        void Drop(int i)
        {
            kept[i] = false;
            total -= tokens[i];
            drops.Add(new ContextDrop(current[i].Name, tokens[i], $"over the {budgetTokens}-token budget (priority {current[i].Priority})"));
        }

        foreach (var i in order.Where(i => current[i].Items is null))
        {
            if (total <= budgetTokens)
            {
                break;
            }

            Drop(i);
        }

        var trimmable = order.Where(i => current[i].Items is not null).Order().ToList();
        if (total > budgetTokens && trimmable.Count > 0)
        {
            var available = budgetTokens - (total - trimmable.Sum(i => tokens[i]));
            if (Trim([.. trimmable.Select(i => current[i])], available, budgetTokens, modelId) is { } trimmed)
            {
                for (var k = 0; k < trimmable.Count; k++)
                {
                    var i = trimmable[k];
                    total += trimmed.Tokens[k] - tokens[i];
                    tokens[i] = trimmed.Tokens[k];
                    current[i] = trimmed.Sections[k];
                }

                trims.AddRange(trimmed.Trims);
            }
            else
            {
                foreach (var i in order.Where(i => current[i].Items is not null && total > budgetTokens))
                {
                    Drop(i);
                }
            }
        }

        var keptSections = current.Where((_, i) => kept[i]).ToList();
        var manifest = new ContextManifest(
            [.. current.Select((s, i) => (s, i)).Where(x => kept[x.i]).Select(x => new ContextManifestSection(x.s.Name, x.s.Kind.ToString().ToLowerInvariant(), tokens[x.i]))],
            total,
            budgetTokens,
            drops)
        {
            Trims = trims,
            Encoding = TokenCounter.EncodingFor(modelId),
        };
        return (keptSections, manifest);
    }
}
