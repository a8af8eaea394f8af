namespace AgentFunctions.Core.Context;

/// <summary>
/// What went into one model call's prompt: each section with its estimated tokens, the total, the budget,
/// and what was dropped to stay within it. Recorded on every skill node execution.
/// </summary>
/// <param name="Sections">The sections kept, in prompt order.</param>
/// <param name="TotalTokens">Estimated tokens of the kept sections (see <see cref="TokenEstimator"/>).</param>
/// <param name="BudgetTokens">The node's prompt token budget.</param>
/// <param name="Drops">Sections left out, with the reason.</param>
public sealed record ContextManifest(
    IReadOnlyList<ContextManifestSection> Sections,
    int TotalTokens,
    int BudgetTokens,
    IReadOnlyList<ContextDrop> Drops);

/// <summary>One kept section in a <see cref="ContextManifest"/>.</summary>
/// <param name="Name">The section name.</param>
/// <param name="Kind">The section kind, lowercase.</param>
/// <param name="TokenEstimate">Estimated tokens.</param>
public sealed record ContextManifestSection(string Name, string Kind, int TokenEstimate);

/// <summary>One section left out of a prompt.</summary>
/// <param name="Name">The section name.</param>
/// <param name="TokenEstimate">Estimated tokens it would have taken.</param>
/// <param name="Reason">Why it was dropped.</param>
public sealed record ContextDrop(string Name, int TokenEstimate, string Reason);
