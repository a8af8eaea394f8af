namespace AgentFunctions.Core.Skills;

/// <summary>
/// Every skill under a skills root (<c>skills/&lt;domain&gt;/&lt;skill&gt;/SKILL.md</c>), with the shared prompt layers:
/// <c>skills/WORKSPACE.md</c> (organisation-wide) and <c>skills/&lt;domain&gt;/DOMAIN.md</c> (per domain).
/// Loaded once; skills with errors are left out and reported in <see cref="Issues"/>.
/// </summary>
public sealed class SkillCatalog
{
    private readonly Dictionary<string, SkillDefinition> _skills;
    private readonly Dictionary<string, string> _domainLayers;

    private SkillCatalog(string root, Dictionary<string, SkillDefinition> skills, Dictionary<string, string> domainLayers, string? workspaceLayer, IReadOnlyList<SkillIssue> issues)
    {
        Root = root;
        _skills = skills;
        _domainLayers = domainLayers;
        WorkspaceLayer = workspaceLayer;
        Issues = issues;
    }

    /// <summary>Gets the skills root folder.</summary>
    public string Root { get; }

    /// <summary>Gets the content of <c>WORKSPACE.md</c>, or null when there is none.</summary>
    public string? WorkspaceLayer { get; }

    /// <summary>Gets the errors and warnings found while loading.</summary>
    public IReadOnlyList<SkillIssue> Issues { get; }

    /// <summary>Gets the loaded skills, ordered by id.</summary>
    public IReadOnlyList<SkillDefinition> All => [.. _skills.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];

    /// <summary>Gets the ids of the loaded skills.</summary>
    public IReadOnlySet<string> Ids => _skills.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Loads every skill under <paramref name="root"/>.</summary>
    /// <param name="root">The skills folder; a missing folder gives an empty catalog with an error issue.</param>
    /// <returns>The catalog.</returns>
    public static SkillCatalog Load(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var issues = new List<SkillIssue>();
        var skills = new Dictionary<string, SkillDefinition>(StringComparer.Ordinal);
        var domains = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            issues.Add(new SkillIssue(root, "The skills folder does not exist.", null, IsError: true));
            return new SkillCatalog(root, skills, domains, null, issues);
        }

        var workspacePath = Path.Combine(root, "WORKSPACE.md");
        var workspace = File.Exists(workspacePath) ? File.ReadAllText(workspacePath).Trim() : null;
        foreach (var domainDir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var domainFile = Path.Combine(domainDir, "DOMAIN.md");
            if (File.Exists(domainFile))
            {
                domains[Path.GetFileName(domainDir)] = File.ReadAllText(domainFile).Trim();
            }

            foreach (var skillDir in Directory.GetDirectories(domainDir).Order(StringComparer.Ordinal))
            {
                var skillFile = Path.Combine(skillDir, "SKILL.md");
                if (!File.Exists(skillFile))
                {
                    issues.Add(new SkillIssue(skillDir, "The folder has no SKILL.md, so it is not a skill.", null, IsError: false));
                    continue;
                }

                var skill = SkillLoader.Parse(File.ReadAllText(skillFile), skillFile, issues);
                if (skill is not null)
                {
                    skills[skill.Id] = skill;
                }
            }
        }

        return new SkillCatalog(root, skills, domains, workspace, issues);
    }

    /// <summary>Finds a skill by id.</summary>
    /// <param name="skillId">The id <c>domain/skill</c>.</param>
    /// <returns>The skill, or null when none has that id.</returns>
    public SkillDefinition? Find(string skillId) => _skills.GetValueOrDefault(skillId);

    /// <summary>Gets the <c>DOMAIN.md</c> content of a domain.</summary>
    /// <param name="domain">The domain name.</param>
    /// <returns>The text, or null when the domain has no DOMAIN.md.</returns>
    public string? DomainLayer(string domain) => _domainLayers.GetValueOrDefault(domain);
}
