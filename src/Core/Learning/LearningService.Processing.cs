using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Reflexions;
using AgentFunctions.Core.Learning.RegressionTests;
using AgentFunctions.Core.Learning.Storage;

namespace AgentFunctions.Core.Learning;

/// <content>Turning a correction into a rule and a regression test, safely re-runnable after a crash at any point.</content>
public sealed partial class LearningService
{
    private const int MaxProcessingAttempts = 60;

    /// <summary>
    /// Generates the reflexion rule and the regression test of a correction. Two atomic steps, each written together with
    /// its mark on the correction: (1) the rule (ExpeL ADD, or AGREE/EDIT of an existing rule) with <c>RuleId</c>; (2) the
    /// test with <c>TestId</c> and status <c>processed</c>. A re-run after a crash completes what is missing and never
    /// creates a second rule or test for the same correction; a re-run after success changes nothing.
    /// </summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="correctionId">The correction.</param>
    /// <param name="cancellationToken">Cancels the work; what is written stays consistent.</param>
    /// <returns><see cref="CorrectionProcessed"/>, or <see cref="CorrectionNotFound"/>.</returns>
    /// <exception cref="ArgumentException">The skill id is not <c>domain/skill</c>.</exception>
    /// <exception cref="Azure.RequestFailedException">Storage failed (retry later).</exception>
    /// <exception cref="InvalidOperationException">The rows kept changing under concurrent writers (retry later).</exception>
    public async Task<ProcessCorrectionOutcome> ProcessCorrectionAsync(string skillId, string correctionId, CancellationToken cancellationToken = default)
    {
        KnowledgeKeys.CheckSkillId(skillId);
        ArgumentException.ThrowIfNullOrWhiteSpace(correctionId);
        RuleDecision? decision = null;
        var wrote = false;
        for (var attempt = 1; attempt <= MaxProcessingAttempts; attempt++)
        {
            var correction = await _store.ReadCorrectionAsync(skillId, correctionId, cancellationToken);
            if (correction is null)
            {
                return new CorrectionNotFound(skillId, correctionId);
            }

            var c = correction.Value;
            if (c.RuleId is not null && c.TestId is not null)
            {
                if (wrote)
                {
                    LearningLog.CorrectionProcessed(_logger, skillId, correctionId, c.RuleOperation ?? RuleOperation.Add, c.RuleId, c.TestId);
                }

                return new CorrectionProcessed(skillId, correctionId, c.RuleId, c.RuleOperation ?? RuleOperation.Add, c.TestId, AlreadyProcessed: !wrote);
            }

            if (c.RuleId is null)
            {
                decision ??= await DecideRuleAsync(c, cancellationToken);
                var applied = await TryApplyRuleAsync(correction, decision, cancellationToken);
                wrote |= applied;
                await ConflictDelayAsync(applied, attempt, cancellationToken);
                continue;
            }

            var rule = await _store.GetRuleAsync(skillId, c.RuleId, cancellationToken)
                ?? throw new InvalidOperationException($"Correction {correctionId} of {skillId} points at rule {c.RuleId}, which does not exist.");
            var added = await _store.TryAddTestAsync(correction, RegressionTestBuilder.Build(c, rule, _store.Time.GetUtcNow()), cancellationToken) is not null;
            wrote |= added;
            await ConflictDelayAsync(added, attempt, cancellationToken);
        }

        throw new InvalidOperationException($"Correction {correctionId} of {skillId} kept changing for {MaxProcessingAttempts} attempts; retry later.");
    }

    private static Task ConflictDelayAsync(bool succeeded, int attempt, CancellationToken cancellationToken) =>
        succeeded ? Task.CompletedTask : Task.Delay(Math.Min(5 * attempt, 100), cancellationToken);

    private async Task<bool> TryApplyRuleAsync(Versioned<Correction> correction, RuleDecision decision, CancellationToken cancellationToken)
    {
        var c = correction.Value;
        var now = _store.Time.GetUtcNow();
        if (decision.TargetId is not null && await _store.ReadRuleAsync(c.SkillId, decision.TargetId, cancellationToken) is { } target && target.Value.Status != RuleStatus.Retired)
        {
            var t = target.Value;
            var edit = decision.Operation == RuleOperation.Edit;
            var conditions = AppliesWhen.Intersect(t.Conditions, c.Input);
            var updated = t with
            {
                Text = edit ? decision.Text : t.Text,
                RootCause = edit ? decision.RootCause : t.RootCause,
                Source = edit ? decision.Source : t.Source,
                Status = edit && t.Status == RuleStatus.Active ? RuleStatus.Candidate : t.Status,
                StatusReason = edit ? $"rewritten by {c.Id} (EDIT): must pass its tests again" : t.StatusReason,
                Conditions = conditions,
                AppliesWhen = AppliesWhen.Describe(c.SkillId, conditions),
                Provenance = t.Provenance.Contains(c.Id) ? t.Provenance : [.. t.Provenance, c.Id],
                Counter = t.Counter + 1,
                Confidence = RuleLifecycle.Clamp(t.Confidence + RuleLifecycle.AgreeConfidenceStep),
                UpdatedAt = now,
            };
            var ok = await _store.TryUpdateRuleForCorrectionAsync(correction, target, updated, decision.Operation, cancellationToken);
            if (ok)
            {
                LearningLog.RuleChanged(_logger, c.SkillId, t.Id, decision.Operation, decision.Why);
            }

            return ok;
        }

        var derived = AppliesWhen.Derive(c.Input);
        var all = derived.Where(d => !decision.RequiredConditions.Any(r => r.Key == d.Key && (r.Value is null) == (d.Value is null))).Concat(decision.RequiredConditions).ToList();
        var draft = new ReflexionRule
        {
            Id = string.Empty,
            SkillId = c.SkillId,
            Text = decision.Text,
            AppliesWhen = AppliesWhen.Describe(c.SkillId, all),
            Conditions = all,
            RootCause = decision.RootCause,
            Provenance = [c.Id],
            Confidence = decision.Confidence,
            Status = RuleStatus.Candidate,
            StatusReason = "new: not validated yet",
            Source = decision.Source,
            SourceReason = decision.SourceReason,
            Counter = RuleLifecycle.AddCounter,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var id = await _store.TryAddRuleAsync(correction, draft, cancellationToken);
        if (id is not null)
        {
            LearningLog.RuleChanged(_logger, c.SkillId, id, RuleOperation.Add, decision.Why);
        }

        return id is not null;
    }
}
