namespace AgentFunctions.Core.Context;

/// <summary>
/// Fits prompt sections into a token budget: keeps every system and input section, then drops droppable sections
/// (upstream outputs, files) lowest priority first — among equal priorities the later one first — until the estimate fits.
/// </summary>
public static class ContextBudgeter
{
    /// <summary>Chooses which sections to keep.</summary>
    /// <param name="sections">All candidate sections, in prompt order.</param>
    /// <param name="budgetTokens">The budget in estimated tokens (positive).</param>
    /// <returns>The kept sections (in the original order) and the manifest describing the choice.</returns>
    /// <exception cref="ContextBudgetExceededException">The sections that cannot be dropped alone exceed the budget.</exception>
    public static (IReadOnlyList<ContextSection> Kept, ContextManifest Manifest) Fit(IReadOnlyList<ContextSection> sections, int budgetTokens)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetTokens);
        var fixedTokens = sections.Where(s => !s.Droppable).Sum(s => s.TokenEstimate);
        if (fixedTokens > budgetTokens)
        {
            throw new ContextBudgetExceededException(fixedTokens, budgetTokens);
        }

        var total = sections.Sum(s => s.TokenEstimate);
        var dropped = new HashSet<ContextSection>();
        var drops = new List<ContextDrop>();
        var candidates = sections
            .Select((s, index) => (Section: s, Index: index))
            .Where(x => x.Section.Droppable)
            .OrderBy(x => x.Section.Priority)
            .ThenByDescending(x => x.Index);
        foreach (var (section, _) in candidates)
        {
            if (total <= budgetTokens)
            {
                break;
            }

            dropped.Add(section);
            total -= section.TokenEstimate;
            drops.Add(new ContextDrop(section.Name, section.TokenEstimate, $"over the {budgetTokens}-token budget (priority {section.Priority})"));
        }

        var kept = sections.Where(s => !dropped.Contains(s)).ToList();
        var manifest = new ContextManifest(
            [.. kept.Select(s => new ContextManifestSection(s.Name, s.Kind.ToString().ToLowerInvariant(), s.TokenEstimate))],
            total,
            budgetTokens,
            drops);
        return (kept, manifest);
    }
}
