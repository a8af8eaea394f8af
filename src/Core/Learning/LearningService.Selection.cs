using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.Selection;
using AgentFunctions.Core.Learning.Storage;

namespace AgentFunctions.Core.Learning;

/// <content>Choosing the rules to inject into an execution of a skill.</content>
public sealed partial class LearningService
{
    /// <summary>
    /// Selects the rules to inject into an execution: active rules whose required conditions hold for the input, most
    /// relevant first (preferred conditions matched, then ExpeL counter, then confidence), at most <paramref name="max"/>;
    /// every other rule is listed with the reason it was left out (for the context manifest).
    /// </summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="input">The execution's input.</param>
    /// <param name="max">The cap (default 5; 0 injects nothing).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The selection; render it with <see cref="RuleSelection.RenderBlock"/>.</returns>
    /// <exception cref="ArgumentException">The skill id is not <c>domain/skill</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is negative.</exception>
    public async Task<RuleSelection> SelectRulesAsync(string skillId, JsonObject input, int max = 5, CancellationToken cancellationToken = default)
    {
        KnowledgeKeys.CheckSkillId(skillId);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return RuleSelector.Select(await _store.ListRulesAsync(skillId, cancellationToken), input, max, Options.InjectCandidates);
    }
}
