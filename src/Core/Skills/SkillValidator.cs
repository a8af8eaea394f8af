namespace AgentFunctions.Core.Skills;

/// <summary>
/// Validates a skills folder the way Agentura's <c>agentura validate</c> does, and more: every SKILL.md and DOMAIN.md is
/// parsed, fixtures are checked against <c>input_schema</c>, and <c>routes_to</c> targets must exist. Errors keep the
/// affected skill out of the catalog (all skills of a domain whose DOMAIN.md has errors); warnings do not. Every other
/// skill still loads. The codes are <see cref="SkillIssueCodes"/>.
/// </summary>
public static partial class SkillValidator
{
    /// <summary>Where a skill's sample input lives, relative to its folder.</summary>
    public const string FixturePath = "fixtures/sample_input.json";

    /// <summary>Validates every skill and domain under a skills folder.</summary>
    /// <param name="skillsRoot">The skills folder (<c>skills/</c>).</param>
    /// <returns>Every error and warning.</returns>
    public static SkillValidationReport Validate(string skillsRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(skillsRoot);
        return new SkillValidationReport(Load(skillsRoot).Issues);
    }

    /// <summary>Validates one skill (like <c>agentura validate domain/skill</c>), including its domain's DOMAIN.md and its routes.</summary>
    /// <param name="skillsRoot">The skills folder.</param>
    /// <param name="skillId">The id <c>domain/skill</c>.</param>
    /// <returns>The issues of that skill's files and of its DOMAIN.md; a missing SKILL.md is an error.</returns>
    /// <exception cref="ArgumentException"><paramref name="skillId"/> is not of the form <c>domain/skill</c>.</exception>
    public static SkillValidationReport ValidateSkill(string skillsRoot, string skillId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(skillsRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(skillId);
        if (skillId.Split('/') is not [{ Length: > 0 } domain, { Length: > 0 } name] || skillId.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{skillId}' is not a skill id of the form domain/skill.", nameof(skillId));
        }

        var folder = Path.GetFullPath(Path.Combine(skillsRoot, domain, name));
        var skillFile = Path.Combine(folder, "SKILL.md");
        if (!File.Exists(skillFile))
        {
            return new SkillValidationReport([new SkillIssue(SkillIssueCodes.MissingSkillFile, skillFile, null, $"Skill '{skillId}' has no SKILL.md.", IsError: true)]);
        }

        var domainFile = Path.GetFullPath(Path.Combine(skillsRoot, domain, "DOMAIN.md"));
        var issues = Load(skillsRoot).Issues.Where(i =>
        {
            var path = Path.GetFullPath(i.Path);
            return path == domainFile || path == folder || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        });
        return new SkillValidationReport([.. issues]);
    }

    /// <summary>Loads and validates a skills folder.</summary>
    internal static SkillTree Load(string root)
    {
        var issues = new List<SkillIssue>();
        var skills = new List<SkillDefinition>();
        var domains = new Dictionary<string, DomainDefinition>(StringComparer.Ordinal);
        var knownDomains = new HashSet<string>(StringComparer.Ordinal);
        var knownSkills = new HashSet<string>(StringComparer.Ordinal);
        var brokenDomains = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            issues.Add(new SkillIssue(SkillIssueCodes.MissingFolder, root, null, "The skills folder does not exist.", IsError: true));
            return new SkillTree(null, new Dictionary<string, SkillDefinition>(), domains, issues);
        }

        var workspacePath = Path.Combine(root, "WORKSPACE.md");
        var workspace = File.Exists(workspacePath) ? File.ReadAllText(workspacePath).Trim() : null;
        foreach (var domainDir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(domainDir);
            if (name.StartsWith('.'))
            {
                continue;
            }

            var skillsBefore = skills.Count;
            var hasSkills = LoadSkills(domainDir, name, skills, knownSkills, issues);
            var domainFile = Path.Combine(domainDir, "DOMAIN.md");
            if (!File.Exists(domainFile) && !hasSkills)
            {
                continue;
            }

            knownDomains.Add(name);
            var domain = File.Exists(domainFile)
                ? DomainLoader.Parse(File.ReadAllText(domainFile), domainFile, issues)
                : new DomainDefinition(name, null, null, null, null, null, null);
            if (domain is not null)
            {
                domains[name] = domain;
            }
            else if (skills.Count > skillsBefore)
            {
                brokenDomains.Add(name);
                issues.Add(new SkillIssue(SkillIssueCodes.DomainNotLoaded, domainFile, null,
                    $"DOMAIN.md has errors, so the skills of domain '{name}' are not loaded: {string.Join(", ", skills.Skip(skillsBefore).Select(s => s.Id))}.", IsError: true));
            }
        }

        var usable = skills
            .Where(s => !brokenDomains.Contains(s.Domain))
            .Where(s => CheckRoutes(s, knownDomains, knownSkills, issues))
            .ToDictionary(s => s.Id, StringComparer.Ordinal);
        return new SkillTree(workspace, usable, domains, issues);
    }

    private static bool LoadSkills(string domainDir, string domain, List<SkillDefinition> skills, HashSet<string> knownSkills, List<SkillIssue> issues)
    {
        var any = false;
        foreach (var skillDir in Directory.GetDirectories(domainDir).Order(StringComparer.Ordinal))
        {
            var skillFile = Path.Combine(skillDir, "SKILL.md");
            if (!File.Exists(skillFile))
            {
                issues.Add(new SkillIssue(SkillIssueCodes.NotASkill, skillDir, null, "The folder has no SKILL.md, so it is not a skill.", IsError: false));
                continue;
            }

            any = true;
            knownSkills.Add($"{domain}/{Path.GetFileName(skillDir)}");
            if (SkillLoader.Parse(File.ReadAllText(skillFile), skillFile, issues) is { } skill)
            {
                CheckFixture(skill, issues);
                skills.Add(skill);
            }
        }

        return any;
    }
}
