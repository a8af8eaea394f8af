namespace AgentFunctions.Core.Skills;

/// <summary>The result of validating skills: every issue found, split into errors and warnings.</summary>
/// <param name="Issues">Every issue, in the order found (folders in ordinal order, fields in file order).</param>
public sealed record SkillValidationReport(IReadOnlyList<SkillIssue> Issues)
{
    /// <summary>Gets the errors: each keeps a skill (or a domain's skills) out of the catalog.</summary>
    public IReadOnlyList<SkillIssue> Errors => [.. Issues.Where(i => i.IsError)];

    /// <summary>Gets the warnings: the skill loads, but something is likely wrong or missing.</summary>
    public IReadOnlyList<SkillIssue> Warnings => [.. Issues.Where(i => !i.IsError)];

    /// <summary>Gets whether there are no errors.</summary>
    public bool IsValid => Issues.All(i => !i.IsError);
}
