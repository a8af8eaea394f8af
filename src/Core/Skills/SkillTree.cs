namespace AgentFunctions.Core.Skills;

/// <summary>What <see cref="SkillValidator"/> loaded from a skills folder: the usable skills and domains and every issue.</summary>
/// <param name="Workspace">The content of <c>WORKSPACE.md</c>, trimmed, or null.</param>
/// <param name="Skills">Skills without errors whose domain loaded, by id.</param>
/// <param name="Domains">Domains whose <c>DOMAIN.md</c> (if any) has no errors, by name.</param>
/// <param name="Issues">Every error and warning.</param>
internal sealed record SkillTree(
    string? Workspace,
    IReadOnlyDictionary<string, SkillDefinition> Skills,
    IReadOnlyDictionary<string, DomainDefinition> Domains,
    IReadOnlyList<SkillIssue> Issues);
