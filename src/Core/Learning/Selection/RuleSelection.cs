namespace AgentFunctions.Core.Learning.Selection;

/// <summary>The rules chosen for one execution (for the prompt and the context manifest).</summary>
/// <param name="Injected">The active rules that apply, most relevant first, at most the cap.</param>
/// <param name="LeftOut">Every other rule of the skill with the reason it was left out.</param>
public sealed record RuleSelection(IReadOnlyList<LearnedRule> Injected, IReadOnlyList<LeftOutRule> LeftOut)
{
    /// <summary>Gets the prompt block for <see cref="Injected"/> (empty when none).</summary>
    /// <returns>The block.</returns>
    public string RenderBlock() => LearnedRulesBlock.Render(Injected);
}
