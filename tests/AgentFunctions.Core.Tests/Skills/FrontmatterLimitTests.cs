using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Tests.Skills;

/// <summary>SKILL.md and DOMAIN.md frontmatter gets the same YAML limits as graphs: hostile nesting is an issue, not a crash.</summary>
public sealed class FrontmatterLimitTests
{
    private static readonly string s_deepList = new string('[', 40_000) + new string(']', 40_000);

    [Fact]
    public void SkillParse_Frontmatter40000Deep_ReportsFrontmatterSyntaxNamingTheLimit()
    {
        var issues = new List<SkillIssue>();

        Assert.Null(SkillLoader.Parse(SkillText.Skill($"tags: {s_deepList}\n"), "/skills/hr/resume-screen/SKILL.md", issues));

        var issue = Assert.Single(issues);
        Assert.Equal((SkillIssueCodes.FrontmatterSyntax, (int?)4), (issue.Code, issue.Line));
        Assert.Contains($"the limit is {YamlLimits.MaxDepth}", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DomainParse_Frontmatter40000Deep_ReportsFrontmatterSyntax()
    {
        var issues = new List<SkillIssue>();

        Assert.Null(DomainLoader.Parse($"---\nname: hr\nowner: {s_deepList}\n---\n# HR\n", "/skills/hr/DOMAIN.md", issues));

        Assert.Equal(SkillIssueCodes.FrontmatterSyntax, Assert.Single(issues).Code);
    }

    [Fact]
    public void SkillParse_FrontmatterAliasInsideItsAnchor_ReportsFrontmatterSyntax()
    {
        var issues = new List<SkillIssue>();

        Assert.Null(SkillLoader.Parse(SkillText.Skill("tags: &t [*t]\n"), "/skills/hr/resume-screen/SKILL.md", issues));

        Assert.Contains("'*t'", Assert.Single(issues).Message, StringComparison.Ordinal);
    }
}
