namespace AgentFunctions.Core.Context;

/// <summary>
/// What went into one model call's prompt: each section with its estimated tokens, the total, the budget,
/// and what was dropped to stay within it. Recorded on every skill node execution.
/// </summary>
/// <param name="Sections">The sections kept, in prompt order.</param>
/// <param name="TotalTokens">Tokens of the kept sections, counted with the model's encoding (see <see cref="TokenCounter"/>).</param>
/// <param name="BudgetTokens">The node's prompt token budget.</param>
/// <param name="Drops">Sections left out, with the reason.</param>
/// <param name="Rules">Which learned rules were injected and which were left out, or null when none were considered.</param>
public sealed record ContextManifest(
    IReadOnlyList<ContextManifestSection> Sections,
    int TotalTokens,
    int BudgetTokens,
    IReadOnlyList<ContextDrop> Drops,
    RulesManifest? Rules = null)
{
    /// <summary>Gets the sections whose items were cut or left out to fit the budget (empty when nothing was trimmed).</summary>
    public IReadOnlyList<ContextTrim> Trims { get; init; } = [];

    /// <summary>Gets the encoding the tokens were counted in (<c>o200k_base</c> or <c>cl100k_base</c>, see <see cref="TokenCounter"/>).</summary>
    public string Encoding { get; init; } = TokenCounter.O200kBase;
}

/// <summary>The learned rules considered for a prompt.</summary>
/// <param name="Injected">Ids of the rules in the prompt, in order.</param>
/// <param name="LeftOut">Rules not injected, each with the reason (candidate, retired, does not apply, over the cap).</param>
public sealed record RulesManifest(IReadOnlyList<string> Injected, IReadOnlyList<RuleLeftOut> LeftOut);

/// <summary>A learned rule that was not injected.</summary>
/// <param name="Id">The rule id.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record RuleLeftOut(string Id, string Reason);

/// <summary>The learned-rules layer of a prompt: the rendered block and what went into it.</summary>
/// <param name="Text">The block (<c>## Learned Rules (from past corrections)</c> …), empty when no rule is injected.</param>
/// <param name="Manifest">Which rules were injected and left out.</param>
public sealed record LearnedRulesSection(string Text, RulesManifest Manifest);

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
