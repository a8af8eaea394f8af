namespace AgentFunctions.Core.Skills;

/// <summary>
/// Every skill under a skills root (<c>skills/&lt;domain&gt;/&lt;skill&gt;/SKILL.md</c>), with the domains and the shared
/// prompt layers: <c>skills/WORKSPACE.md</c> (organisation-wide) and <c>skills/&lt;domain&gt;/DOMAIN.md</c> (per domain).
/// Loaded once through <see cref="SkillValidator"/>; skills with errors are left out and reported in <see cref="Issues"/>,
/// every valid skill loads.
/// </summary>
public sealed class SkillCatalog
{
    private readonly IReadOnlyDictionary<string, SkillDefinition> _skills;
    private readonly IReadOnlyDictionary<string, DomainDefinition> _domains;

    private SkillCatalog(string root, SkillTree tree)
    {
        Root = root;
        _skills = tree.Skills;
        _domains = tree.Domains;
        WorkspaceLayer = tree.Workspace;
        Issues = tree.Issues;
        All = [.. _skills.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];
        Domains = [.. _domains.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>Gets the skills root folder.</summary>
    public string Root { get; }

    /// <summary>Gets the content of <c>WORKSPACE.md</c>, or null when there is none.</summary>
    public string? WorkspaceLayer { get; }

    /// <summary>Gets the errors and warnings found while loading.</summary>
    public IReadOnlyList<SkillIssue> Issues { get; }

    /// <summary>Gets the loaded skills, ordered by id.</summary>
    public IReadOnlyList<SkillDefinition> All { get; }

    /// <summary>Gets the ids of the loaded skills.</summary>
    public IReadOnlySet<string> Ids => _skills.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Gets the loaded domains (with a valid DOMAIN.md, or with skills and no DOMAIN.md), ordered by name.</summary>
    public IReadOnlyList<DomainDefinition> Domains { get; }

    /// <summary>Loads every skill and domain under <paramref name="root"/>.</summary>
    /// <param name="root">The skills folder; a missing folder gives an empty catalog with an error issue.</param>
    /// <returns>The catalog.</returns>
    public static SkillCatalog Load(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        return new SkillCatalog(root, SkillValidator.Load(root));
    }

    /// <summary>Finds a skill by id.</summary>
    /// <param name="skillId">The id <c>domain/skill</c>.</param>
    /// <returns>The skill, or null when none has that id.</returns>
    public SkillDefinition? Find(string skillId) => _skills.GetValueOrDefault(skillId);

    /// <summary>Finds a domain by name.</summary>
    /// <param name="domain">The domain name.</param>
    /// <returns>The domain, or null when there is no such (loaded) domain.</returns>
    public DomainDefinition? FindDomain(string domain) => _domains.GetValueOrDefault(domain);

    /// <summary>Gets the prompt layer of a domain: its DOMAIN.md without the frontmatter.</summary>
    /// <param name="domain">The domain name.</param>
    /// <returns>The text, or null when the domain has no DOMAIN.md (or only frontmatter).</returns>
    public string? DomainLayer(string domain) => FindDomain(domain)?.PromptLayer;
}
