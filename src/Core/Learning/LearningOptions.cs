using System.ComponentModel.DataAnnotations;

namespace AgentFunctions.Core.Learning;

/// <summary>
/// Where the learning loop keeps its knowledge and how it decides. Bound from <c>Learning</c>.
/// Storage layout: one table (<see cref="Table"/>), one partition per skill (<c>domain~skill</c>) holding its corrections,
/// reflexion rules, regression tests, validation runs, executions and id counters, plus a <c>~skills</c> partition that
/// lists the skills with knowledge (see <c>docs/learning.md</c>).
/// </summary>
public sealed class LearningOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Learning";

    /// <summary>Gets or sets the table holding every kind of knowledge row, one partition per skill.</summary>
    [Required]
    public string Table { get; set; } = "Knowledge";

    /// <summary>Gets or sets the queue carrying <c>correction.submit</c> (other services) and <c>correction.stored</c> (our API) messages.</summary>
    [Required]
    public string CorrectionsQueue { get; set; } = "corrections";

    /// <summary>Gets or sets the queue carrying <c>validation.requested</c> messages.</summary>
    [Required]
    public string ValidationsQueue { get; set; } = "validations";

    /// <summary>Gets or sets the most rules injected into one execution's prompt (default 5, as CrewAI's <c>learn_limit</c>).</summary>
    [Range(1, 50)]
    public int MaxInjectedRules { get; set; } = 5;

    /// <summary>
    /// Gets or sets whether <c>candidate</c> rules are injected "on probation" after the active ones (marked <c>[candidate]</c>),
    /// so a correction improves the very next execution while its regression test has not run yet. Default true; false
    /// injects only rules that passed validation. Retired rules are never injected.
    /// </summary>
    public bool InjectCandidates { get; set; } = true;

    /// <summary>
    /// Gets or sets the token Jaccard similarity (0–1) at or above which a new rule restates an existing one and strengthens it
    /// (ExpeL AGREE) instead of being added; used when no learning model decides. Default 0.6.
    /// </summary>
    [Range(0.1, 1.0)]
    public double SimilarityThreshold { get; set; } = 0.6;

    /// <summary>Gets or sets how many validation runs in a row a rule may fail before it is retired (ExpeL REMOVE). Default 3.</summary>
    [Range(1, 20)]
    public int RetireAfterFailedValidations { get; set; } = 3;
}
