namespace AgentFunctions.Core.Learning.Validation;

/// <summary>What a validation run decided about one rule.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="StatusBefore">Its status before the decision.</param>
/// <param name="StatusAfter">Its status after.</param>
/// <param name="Decision"><c>activated</c>, <c>kept_active</c>, <c>kept_candidate</c>, <c>demoted</c>, <c>retired</c> or <c>undecided</c>.</param>
/// <param name="Reason">Why, naming the failing test and assertion with actual vs expected when there is one.</param>
/// <param name="TestIds">The rule's tests that ran.</param>
/// <param name="TestsPassed">How many passed with the rule.</param>
/// <param name="TestsFailed">How many failed with the rule.</param>
/// <param name="TestsErrored">How many could not be executed or evaluated nothing (no evidence).</param>
/// <param name="MadeDifference">True when any of its tests shows the rule made the difference (see <see cref="TestResult.RuleMadeDifference"/>),
/// false when every test that could tell shows it did not, null when none could tell.</param>
/// <param name="ConfidenceBefore">Confidence before, 0–1.</param>
/// <param name="ConfidenceAfter">Confidence after, 0–1.</param>
/// <param name="ConsecutiveFailures">Failed validations in a row after this one.</param>
public sealed record RuleResult(
    string RuleId,
    string StatusBefore,
    string StatusAfter,
    string Decision,
    string Reason,
    IReadOnlyList<string> TestIds,
    int TestsPassed,
    int TestsFailed,
    int TestsErrored,
    bool? MadeDifference,
    double ConfidenceBefore,
    double ConfidenceAfter,
    int ConsecutiveFailures);
