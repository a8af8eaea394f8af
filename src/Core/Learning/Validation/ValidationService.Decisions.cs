using AgentFunctions.Core.Learning.Reflexions;

namespace AgentFunctions.Core.Learning.Validation;

/// <content>
/// Deciding about each rule from its tests' results. A candidate becomes active only when <b>every</b> test of it ran and
/// passed with it (deterministic assertions passed; a rubric passed or was not evaluated — a rubric without a judge neither
/// blocks nor proves, and the result says so). Any failure keeps a candidate a candidate (or demotes an active rule),
/// lowers confidence and counts a failed validation; at <see cref="LearningOptions.RetireAfterFailedValidations"/> in a row
/// the rule gets ExpeL REMOVE (counter −1) and is retired. Tests that could not execute, or whose only assertion is a rubric
/// nobody judged, decide nothing (the rule stays as it is and the result says why).
/// </content>
public sealed partial class ValidationService
{
    private const int MaxDecisionAttempts = 30;

    private async Task DecideAsync(string skillId, string validationId, string ruleId, IReadOnlyList<TestResult> results, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxDecisionAttempts; attempt++)
        {
            var rule = await _store.ReadRuleAsync(skillId, ruleId, cancellationToken);
            if (rule is null || rule.Value.LastValidationId == validationId)
            {
                return; // deleted, or this run's decision is already applied
            }

            var (updated, result) = Decide(rule.Value, validationId, results);
            if (await _store.TryCommitRuleDecisionAsync(validationId, rule, updated, result, cancellationToken))
            {
                LearningLog.RuleDecided(_logger, skillId, validationId, ruleId, result.Decision, result.Reason);
                return;
            }

            await Task.Delay(Math.Min(5 * attempt, 100), cancellationToken);
        }

        throw new InvalidOperationException($"Rule {ruleId} of {skillId} kept changing for {MaxDecisionAttempts} attempts; retry the validation later.");
    }

    private (ReflexionRule Updated, RuleResult Result) Decide(ReflexionRule rule, string validationId, IReadOnlyList<TestResult> results)
    {
        var passed = results.Count(r => r.Outcome == TestOutcome.Passed);
        var failed = results.Where(r => r.Outcome == TestOutcome.Failed).ToList();
        var errored = results.Where(r => r.Outcome is TestOutcome.Error or TestOutcome.NotEvaluated).ToList();
        bool? madeDifference = results.Any(r => r.RuleMadeDifference == true) ? true : results.Any(r => r.RuleMadeDifference == false) ? false : null;
        var (status, decision, reason, confidence, failures, counter) = (rule.Status, RuleDecisions.Undecided, string.Empty, rule.Confidence, rule.ConsecutiveFailures, rule.Counter);
        if (rule.Status == RuleStatus.Retired)
        {
            reason = "retired: its tests were skipped";
        }
        else if (failed.Count > 0)
        {
            failures++;
            confidence = RuleLifecycle.Clamp(confidence - RuleLifecycle.FailConfidenceStep);
            reason = $"{failed[0].TestId} {failed[0].Reason}";
            if (failures >= Options.RetireAfterFailedValidations)
            {
                (status, decision, counter) = (RuleStatus.Retired, RuleDecisions.Retired, counter - 1);
                reason = $"retired after {failures} failed validations in a row (ExpeL REMOVE, counter {counter}): {reason}";
            }
            else
            {
                (status, decision) = rule.Status == RuleStatus.Active ? (RuleStatus.Candidate, RuleDecisions.Demoted) : (RuleStatus.Candidate, RuleDecisions.KeptCandidate);
                reason = $"{failures} failed validation(s) in a row (retired at {Options.RetireAfterFailedValidations}): {reason}";
            }
        }
        else if (errored.Count > 0 || passed == 0)
        {
            reason = errored.Count > 0 ? $"no decision: {errored[0].TestId} {errored[0].Reason}" : "no decision: none of its tests ran";
        }
        else
        {
            (status, decision, failures) = (RuleStatus.Active, rule.Status == RuleStatus.Active ? RuleDecisions.KeptActive : RuleDecisions.Activated, 0);
            confidence = RuleLifecycle.Clamp(confidence + RuleLifecycle.PassConfidenceStep);
            reason = $"all {passed} test(s) passed with it" + madeDifference switch
            {
                true => "; without it at least one failed (the rule made the difference)",
                false => "; they also passed without it (the rule did not make the difference)",
                _ => string.Empty,
            };
        }

        var updated = rule with
        {
            Status = status,
            StatusReason = decision == RuleDecisions.Undecided ? rule.StatusReason : reason,
            Confidence = confidence,
            ConsecutiveFailures = failures,
            Counter = counter,
            LastValidationId = validationId,
            UpdatedAt = _store.Time.GetUtcNow(),
        };
        var result = new RuleResult(rule.Id, rule.Status, status, decision, reason, [.. results.Select(r => r.TestId)], passed, failed.Count, errored.Count,
            madeDifference, rule.Confidence, confidence, failures);
        return (updated, result);
    }
}
