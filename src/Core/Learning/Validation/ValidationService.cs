using AgentFunctions.Core.Learning.RegressionTests;
using AgentFunctions.Core.Learning.Storage;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Learning.Validation;

/// <summary>
/// The gate of the learning loop: runs a skill's regression tests by <b>executing the skill</b> through
/// <see cref="ISkillInvoker"/> with its active rules plus the test's own rule, and once more without that rule; evaluates
/// assertions (deterministic locally, rubrics by the judge model or <c>not_evaluated</c>); then activates, keeps, demotes or
/// retires each rule on the evidence. Idempotent and resumable: per-test results and per-rule decisions are stored once
/// per run, so a crashed run continues where it stopped.
/// </summary>
public sealed partial class ValidationService
{
    private readonly KnowledgeStore _store;
    private readonly ISkillInvoker _invoker;
    private readonly AssertionEvaluator _evaluator;
    private readonly ILogger<ValidationService> _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The knowledge store.</param>
    /// <param name="invoker">Executes the skill with a given set of rules.</param>
    /// <param name="model">Judges rubric assertions when it can.</param>
    /// <param name="logger">The logger.</param>
    public ValidationService(KnowledgeStore store, ISkillInvoker invoker, ILearningModel model, ILogger<ValidationService> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _invoker = invoker;
        _evaluator = new AssertionEvaluator(model);
        _logger = logger;
    }

    private LearningOptions Options => _store.Options;

    /// <summary>Creates a validation run in state <c>queued</c>; the caller enqueues <c>validation.requested</c> with its id.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The run id, such as <c>VAL-001</c>.</returns>
    /// <exception cref="ArgumentException">The skill id is not <c>domain/skill</c>.</exception>
    public async Task<string> RequestValidationAsync(string skillId, CancellationToken cancellationToken = default)
    {
        KnowledgeKeys.CheckSkillId(skillId);
        var id = await _store.AddValidationAsync(skillId, cancellationToken);
        LearningLog.ValidationRequested(_logger, skillId, id);
        return id;
    }

    /// <summary>
    /// Runs (or resumes, or re-reads) a validation run: every regression test of the skill not yet run in it, then one
    /// decision per rule that had tests, then the run is completed with its counts.
    /// </summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="validationId">The run from <see cref="RequestValidationAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the run; what is stored stays consistent and a re-run resumes.</param>
    /// <returns>The report, or null when no such run exists.</returns>
    /// <exception cref="ArgumentException">The skill id is not <c>domain/skill</c>.</exception>
    /// <exception cref="Azure.RequestFailedException">Storage failed (retry later).</exception>
    public async Task<ValidationReport?> RunValidationAsync(string skillId, string validationId, CancellationToken cancellationToken = default)
    {
        KnowledgeKeys.CheckSkillId(skillId);
        var run = await _store.ReadValidationAsync(skillId, validationId, cancellationToken);
        if (run is null || run.Status == ValidationStatus.Completed)
        {
            return run is null ? null : await _store.GetValidationAsync(skillId, validationId, cancellationToken);
        }

        run = run with { Status = ValidationStatus.Running, StartedAt = run.StartedAt ?? _store.Time.GetUtcNow() };
        await _store.SaveValidationAsync(run, cancellationToken);
        var tests = await _store.ListTestsAsync(skillId, cancellationToken);
        var rules = await _store.ListRulesAsync(skillId, cancellationToken);
        var done = (await _store.ReadTestResultsAsync(skillId, validationId, cancellationToken)).Select(r => r.TestId).ToHashSet(StringComparer.Ordinal);
        foreach (var test in tests.Where(t => !done.Contains(t.Id)))
        {
            var result = await RunTestAsync(test, rules, cancellationToken);
            await _store.AddTestResultAsync(skillId, validationId, result, cancellationToken);
        }

        var results = await _store.ReadTestResultsAsync(skillId, validationId, cancellationToken);
        foreach (var group in results.GroupBy(r => r.RuleId, StringComparer.Ordinal))
        {
            await DecideAsync(skillId, validationId, group.Key, [.. group], cancellationToken);
        }

        int Count(string outcome) => results.Count(r => r.Outcome == outcome);
        run = run with
        {
            Status = ValidationStatus.Completed,
            CompletedAt = _store.Time.GetUtcNow(),
            TestsTotal = results.Count(r => r.Outcome != TestOutcome.Skipped),
            TestsPassed = Count(TestOutcome.Passed),
            TestsFailed = Count(TestOutcome.Failed),
            TestsErrored = Count(TestOutcome.Error) + Count(TestOutcome.NotEvaluated),
            TestsSkipped = Count(TestOutcome.Skipped),
        };
        await _store.SaveValidationAsync(run, cancellationToken);
        LearningLog.ValidationCompleted(_logger, skillId, validationId, run.TestsPassed, run.TestsTotal);
        return await _store.GetValidationAsync(skillId, validationId, cancellationToken);
    }
}
