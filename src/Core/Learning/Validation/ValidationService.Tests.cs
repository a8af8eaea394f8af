using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning.Reflexions;
using AgentFunctions.Core.Learning.RegressionTests;
using AgentFunctions.Core.Learning.Selection;

namespace AgentFunctions.Core.Learning.Validation;

/// <content>Running one regression test: with its rule, then without it.</content>
public sealed partial class ValidationService
{
    private const int MaxOutputExcerptChars = 2000;

    private async Task<TestResult> RunTestAsync(RegressionTest test, IReadOnlyList<ReflexionRule> rules, CancellationToken cancellationToken)
    {
        var own = rules.FirstOrDefault(r => r.Id == test.RuleId);
        if (own is null || own.Status == RuleStatus.Retired)
        {
            var why = own is null ? $"rule {test.RuleId} no longer exists" : $"rule {test.RuleId} is retired";
            return new TestResult(test.Id, test.RuleId, test.CorrectionId, TestOutcome.Skipped, why, null, null, null);
        }

        // The skill's active rules that apply to this input (as an execution would get them), plus the test's own rule.
        var others = RuleSelector.Select(rules.Where(r => r.Id != own.Id), test.Input, Options.MaxInjectedRules).Injected;
        var with = await RunPassAsync(test, [.. others, own.ToLearnedRule()], cancellationToken);
        TestPass? without = null;
        bool? madeDifference = null;
        if (with.Outcome is TestOutcome.Passed or TestOutcome.Failed)
        {
            without = await RunPassAsync(test, others, cancellationToken);
            madeDifference = without.Outcome is TestOutcome.Error or TestOutcome.NotEvaluated ? null : with.Outcome == TestOutcome.Passed && without.Outcome == TestOutcome.Failed;
        }

        return new TestResult(test.Id, test.RuleId, test.CorrectionId, with.Outcome, Explain(test, with, without, madeDifference), with, without, madeDifference);
    }

    private async Task<TestPass> RunPassAsync(RegressionTest test, IReadOnlyList<LearnedRule> rules, CancellationToken cancellationToken)
    {
        var ids = rules.Select(r => r.Id).ToList();
        var invocation = await _invoker.InvokeAsync(test.SkillId, (JsonObject)test.Input.DeepClone(), rules, cancellationToken);
        if (!invocation.Succeeded)
        {
            return new TestPass(TestOutcome.Error, ids, [], null, invocation.Error ?? "the skill invocation failed", invocation.Model, invocation.Recorded, invocation.CostUsd);
        }

        var assertions = await _evaluator.EvaluateAsync(test, invocation.Output, cancellationToken);
        var outcome = assertions.Any(a => a.Outcome == AssertionOutcome.Failed) ? TestOutcome.Failed
            : assertions.Any(a => a.Outcome == AssertionOutcome.Passed) ? TestOutcome.Passed
            : TestOutcome.NotEvaluated;
        var excerpt = JsonValues.Excerpt(JsonValues.TextOf(invocation.Output), MaxOutputExcerptChars);
        return new TestPass(outcome, ids, assertions, excerpt, null, invocation.Model, invocation.Recorded, invocation.CostUsd);
    }

    private static string Explain(RegressionTest test, TestPass with, TestPass? without, bool? madeDifference)
    {
        var text = with.Outcome switch
        {
            TestOutcome.Error => $"the skill could not be executed: {with.Error}",
            TestOutcome.NotEvaluated => $"no assertion could be evaluated: {string.Join("; ", with.Assertions.Select(a => a.Reason))}",
            TestOutcome.Failed => $"failed with {test.RuleId}: {Describe(with.Assertions.First(a => a.Outcome == AssertionOutcome.Failed))}",
            _ => $"passed with {test.RuleId}: {with.Assertions.Count(a => a.Outcome == AssertionOutcome.Passed)} of {with.Assertions.Count} assertion(s) passed" +
                 string.Concat(with.Assertions.Where(a => a.Outcome == AssertionOutcome.NotEvaluated).Select(a => $"; {a.Type} not evaluated ({a.Reason})")),
        };
        return text + (without?.Outcome, madeDifference) switch
        {
            (null, _) => string.Empty,
            (TestOutcome.Error, _) => $"; without {test.RuleId} the skill could not be executed ({without!.Error})",
            (TestOutcome.NotEvaluated, _) => $"; without {test.RuleId} no assertion could be evaluated",
            (_, true) => $"; without {test.RuleId} it failed ({Describe(without!.Assertions.First(a => a.Outcome == AssertionOutcome.Failed))}): the rule made the difference",
            (TestOutcome.Passed, _) => $"; it also passed without {test.RuleId}: the rule did not make the difference",
            _ => $"; it also failed without {test.RuleId}",
        };
    }

    /// <summary>Describes an assertion result for a person: type, where, expected vs actual.</summary>
    internal static string Describe(AssertionResult a)
    {
        var where = a.Path.Length == 0 ? "the output" : a.Path;
        return a.Type switch
        {
            AssertionType.Rubric => $"rubric failed ({a.Reason})",
            AssertionType.NotContains => $"not-contains at {where}: must not contain {a.Expected}, got {a.Actual ?? "(missing)"}",
            _ => $"{a.Type} at {where}: expected {a.Expected}, got {a.Actual ?? "(missing)"}",
        };
    }
}
