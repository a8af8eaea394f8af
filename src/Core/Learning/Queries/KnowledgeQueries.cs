using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Reflexions;
using AgentFunctions.Core.Learning.RegressionTests;
using AgentFunctions.Core.Learning.Storage;
using AgentFunctions.Core.Learning.Validation;

namespace AgentFunctions.Core.Learning.Queries;

/// <summary>The learning loop's read side: corrections, reflexions, tests and validation runs, per skill or for every skill, and statistics.</summary>
/// <param name="store">The knowledge store.</param>
public sealed class KnowledgeQueries(KnowledgeStore store)
{
    /// <summary>Lists corrections, oldest first per skill.</summary>
    /// <param name="skillId">A skill <c>domain/skill</c>, or null for every skill.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The corrections.</returns>
    public Task<IReadOnlyList<Correction>> ListCorrectionsAsync(string? skillId = null, CancellationToken cancellationToken = default) =>
        AcrossAsync(skillId, store.ListCorrectionsAsync, cancellationToken);

    /// <summary>Lists reflexion rules of every status, in id order per skill.</summary>
    /// <param name="skillId">A skill <c>domain/skill</c>, or null for every skill.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The rules.</returns>
    public Task<IReadOnlyList<ReflexionRule>> ListReflexionsAsync(string? skillId = null, CancellationToken cancellationToken = default) =>
        AcrossAsync(skillId, store.ListRulesAsync, cancellationToken);

    /// <summary>Lists regression tests, in id order per skill.</summary>
    /// <param name="skillId">A skill <c>domain/skill</c>, or null for every skill.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The tests.</returns>
    public Task<IReadOnlyList<RegressionTest>> ListTestsAsync(string? skillId = null, CancellationToken cancellationToken = default) =>
        AcrossAsync(skillId, store.ListTestsAsync, cancellationToken);

    /// <summary>Lists a skill's validation runs (headers), newest first.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The runs.</returns>
    public Task<IReadOnlyList<ValidationRun>> ListValidationsAsync(string skillId, CancellationToken cancellationToken = default) =>
        store.ListValidationsAsync(skillId, cancellationToken);

    /// <summary>Reads one validation run with its per-test and per-rule results.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="validationId">The run.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The report, or null when it does not exist.</returns>
    public Task<ValidationReport?> GetValidationAsync(string skillId, string validationId, CancellationToken cancellationToken = default) =>
        store.GetValidationAsync(skillId, validationId, cancellationToken);

    /// <summary>Computes statistics for every skill with knowledge.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>One entry per skill, ordered by skill id.</returns>
    public async Task<IReadOnlyList<SkillStats>> ListStatsAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<SkillStats>();
        foreach (var skill in await store.ListSkillsAsync(cancellationToken))
        {
            list.Add(await GetStatsAsync(skill, cancellationToken));
        }

        return list;
    }

    /// <summary>
    /// Computes a skill's statistics: the accept rate (executions without a correction / all executions) overall and per UTC
    /// day, corrections, rules by status, tests, and the pass rate of the latest completed validation.
    /// </summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The statistics (zeros for a skill without knowledge).</returns>
    public async Task<SkillStats> GetStatsAsync(string skillId, CancellationToken cancellationToken = default)
    {
        KnowledgeKeys.CheckSkillId(skillId);
        var executions = await store.ReadExecutionsAsync(skillId, cancellationToken);
        var days = executions.GroupBy(e => e.Day, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DailyAcceptRate(g.Key, g.Count(), g.Count(e => !e.Corrected), Rate(g.Count(e => !e.Corrected), g.Count())!.Value))
            .ToList();
        var accepted = executions.Count(e => !e.Corrected);
        var corrections = await store.ListCorrectionsAsync(skillId, cancellationToken);
        var rules = await store.ListRulesAsync(skillId, cancellationToken);
        var byStatus = new[] { RuleStatus.Candidate, RuleStatus.Active, RuleStatus.Retired }
            .ToDictionary(s => s, s => rules.Count(r => r.Status == s), StringComparer.Ordinal);
        var tests = await store.ListTestsAsync(skillId, cancellationToken);
        var latest = (await store.ListValidationsAsync(skillId, cancellationToken)).FirstOrDefault(v => v.Status == ValidationStatus.Completed);
        return new SkillStats(skillId, executions.Count, accepted, Rate(accepted, executions.Count), days, corrections.Count,
            corrections.Count(c => c.Status != CorrectionStatus.Processed), byStatus, tests.Count, latest?.Id, latest?.PassRate);
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private async Task<IReadOnlyList<T>> AcrossAsync<T>(string? skillId, Func<string, CancellationToken, Task<IReadOnlyList<T>>> read, CancellationToken cancellationToken)
    {
        if (skillId is not null)
        {
            return await read(skillId, cancellationToken);
        }

        var all = new List<T>();
        foreach (var skill in await store.ListSkillsAsync(cancellationToken))
        {
            all.AddRange(await read(skill, cancellationToken));
        }

        return all;
    }
}
