namespace AgentFunctions.TestSupport;

/// <summary>
/// A temporary skills/graphs tree for an app under test: one-skill domains with a <c>DOMAIN.md</c> frontmatter of the test's
/// choosing, and graph files named after their <c>name:</c> (the catalog requires it).
/// </summary>
/// <param name="prefix">The temporary folder's name prefix.</param>
public sealed class ContentTree(string prefix)
{
    /// <summary>Gets the tree's root folder; <c>skills/</c> and <c>graphs/</c> are below it.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Gets the settings that point the app at the tree (<c>AgentFunctions__SkillsPath</c>, <c>AgentFunctions__GraphsPath</c>).</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["AgentFunctions__SkillsPath"] = Path.Combine(Root, "skills"),
        ["AgentFunctions__GraphsPath"] = Path.Combine(Root, "graphs"),
    };

    /// <summary>Writes <c>skills/{domain}/DOMAIN.md</c> and a specialist skill on <c>openai/gpt-4o-mini</c>.</summary>
    /// <param name="domain">The domain name.</param>
    /// <param name="domainFrontmatter">Extra DOMAIN.md frontmatter lines (YAML, e.g. <c>security:\n  pii: block</c>).</param>
    /// <param name="skill">The skill name.</param>
    /// <param name="prompt">The skill's prompt body.</param>
    public void WriteSkill(string domain, string domainFrontmatter, string skill, string prompt)
    {
        var dir = Path.Combine(Root, "skills", domain, skill);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(Root, "skills", domain, "DOMAIN.md"),
            $"---\ndescription: {domain} test domain\nowner: tests\n{domainFrontmatter}\n---\n# {domain}\n");
        File.WriteAllText(Path.Combine(dir, "SKILL.md"),
            $"---\nname: {skill}\nrole: specialist\ndomain: {domain}\ntrigger: manual\nmodel: openai/gpt-4o-mini\n---\n# {skill}\n\n{prompt}\n");
    }

    /// <summary>Writes <c>graphs/{name}.yaml</c>.</summary>
    /// <param name="name">The graph's <c>name:</c>.</param>
    /// <param name="yaml">The graph YAML; its <c>name:</c> must equal <paramref name="name"/>.</param>
    public void WriteGraph(string name, string yaml)
    {
        Directory.CreateDirectory(Path.Combine(Root, "graphs"));
        File.WriteAllText(Path.Combine(Root, "graphs", name + ".yaml"), yaml);
    }
}
