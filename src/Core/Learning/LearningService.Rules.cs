using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Reflexions;
using AgentFunctions.Core.Learning.Storage;

namespace AgentFunctions.Core.Learning;

/// <content>Deciding what a correction does to the rule list, and the EDIT and REMOVE operations on a rule.</content>
public sealed partial class LearningService
{
    /// <summary>ExpeL EDIT: rewrites a rule's text; counter +1; an active rule becomes a candidate until its tests pass again.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="ruleId">The rule.</param>
    /// <param name="text">The new text, 10–600 characters.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The updated rule, or null when it does not exist.</returns>
    /// <exception cref="ArgumentException">The text is out of bounds or the skill id is not <c>domain/skill</c>.</exception>
    public Task<ReflexionRule?> EditRuleAsync(string skillId, string ruleId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        text = text.Trim();
        if (text.Length is < 10 or > RuleDistiller.MaxRuleChars)
        {
            throw new ArgumentException($"A rule has 10–{RuleDistiller.MaxRuleChars} characters (got {text.Length}).", nameof(text));
        }

        return UpdateRuleAsync(skillId, ruleId, RuleOperation.Edit, r => r with
        {
            Text = text,
            Counter = r.Counter + 1,
            Status = r.Status == RuleStatus.Active ? RuleStatus.Candidate : r.Status,
            StatusReason = r.Status == RuleStatus.Retired ? r.StatusReason : "rewritten (EDIT): must pass its tests again",
        }, cancellationToken);
    }

    /// <summary>ExpeL REMOVE: evidence against a rule; counter −1, and at 0 or below the rule is retired.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="ruleId">The rule.</param>
    /// <param name="reason">Why (kept as the status reason when the rule is retired).</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The updated rule, or null when it does not exist.</returns>
    /// <exception cref="ArgumentException">The skill id is not <c>domain/skill</c>.</exception>
    public Task<ReflexionRule?> RemoveRuleAsync(string skillId, string ruleId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return UpdateRuleAsync(skillId, ruleId, RuleOperation.Remove, r => r.Counter - 1 <= 0
            ? r with { Counter = r.Counter - 1, Status = RuleStatus.Retired, StatusReason = $"retired: ExpeL counter reached {r.Counter - 1} ({reason})" }
            : r with { Counter = r.Counter - 1 }, cancellationToken);
    }

    private async Task<ReflexionRule?> UpdateRuleAsync(string skillId, string ruleId, string operation, Func<ReflexionRule, ReflexionRule> change, CancellationToken cancellationToken)
    {
        KnowledgeKeys.CheckSkillId(skillId);
        for (var attempt = 1; attempt <= MaxProcessingAttempts; attempt++)
        {
            if (await _store.ReadRuleAsync(skillId, ruleId, cancellationToken) is not { } rule)
            {
                return null;
            }

            var updated = change(rule.Value) with { UpdatedAt = _store.Time.GetUtcNow() };
            if (await _store.TryReplaceRuleAsync(rule, updated, cancellationToken))
            {
                LearningLog.RuleChanged(_logger, skillId, ruleId, operation, updated.StatusReason ?? operation);
                return updated;
            }

            await ConflictDelayAsync(false, attempt, cancellationToken);
        }

        throw new InvalidOperationException($"Rule {ruleId} of {skillId} kept changing for {MaxProcessingAttempts} attempts; retry later.");
    }

    /// <summary>
    /// Decides the rule text (distilled by the learning model when it can, else the correction verbatim) and the ExpeL
    /// operation: the model's ADD/AGREE/EDIT when it gave a valid one, else AGREE with the most similar live rule when the
    /// token Jaccard similarity reaches <see cref="LearningOptions.SimilarityThreshold"/>, else ADD.
    /// </summary>
    private async Task<RuleDecision> DecideRuleAsync(Correction c, CancellationToken cancellationToken)
    {
        var live = (await _store.ListRulesAsync(c.SkillId, cancellationToken)).Where(r => r.Status != RuleStatus.Retired).ToList();
        RuleDecision? decision = null;
        string? fallbackReason = null;
        if (_model.CanDistill)
        {
            if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Trace))
            {
                var prompt = RuleDistiller.UserMessage(c, live);
                LearningLog.ModelPrompt(_logger, RuleDistiller.Purpose, prompt);
            }

            (decision, var failure) = await _distiller.DistillAsync(c, live, cancellationToken);
            if (failure is not null)
            {
                fallbackReason = $"learning model answer unusable: {failure}";
                LearningLog.DistillFellBack(_logger, c.SkillId, c.Id, fallbackReason);
            }
        }

        decision ??= new RuleDecision(
            RuleOperation.Add, null, c.Text, RootCause.Classify(c.Text, c.Output is null), RuleLifecycle.VerbatimConfidence,
            RuleSource.Verbatim, fallbackReason, [], "no learning model");
        if (decision.TargetId is not null)
        {
            return decision;
        }

        var best = live.Select(r => (Rule: r, Similarity: TextSimilarity.Jaccard(decision.Text, r.Text))).OrderByDescending(x => x.Similarity).FirstOrDefault();
        return best.Rule is not null && best.Similarity >= Options.SimilarityThreshold
            ? decision with { Operation = RuleOperation.Agree, TargetId = best.Rule.Id, Why = $"token Jaccard similarity {best.Similarity:0.00} with {best.Rule.Id} ≥ {Options.SimilarityThreshold:0.00}" }
            : decision with { Why = decision.Why + (best.Rule is null ? "; no live rule to compare" : $"; most similar {best.Rule.Id} at {best.Similarity:0.00} < {Options.SimilarityThreshold:0.00}") };
    }
}
