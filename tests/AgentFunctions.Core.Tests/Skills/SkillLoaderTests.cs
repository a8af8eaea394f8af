using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Tests.Skills;

public sealed class SkillLoaderTests
{
    private const string Path = "/skills/hr/resume-screen/SKILL.md";

    [Fact]
    public void Parse_AgenturaFrontmatter_ReadsEveryField()
    {
        var text = """
            ---
            name: resume-screen
            role: specialist
            domain: hr
            trigger: manual
            model: anthropic/claude-sonnet-4.5
            cost_budget_per_execution: "$0.05"
            timeout: "30s"
            ---
            # Resume Screening & Candidate Evaluation
            ## Task
            Given a resume and a job description, evaluate candidate fit carefully.
            """;
        var issues = new List<SkillIssue>();

        var skill = SkillLoader.Parse(text, Path, issues);

        Assert.NotNull(skill);
        Assert.Equal("hr/resume-screen", skill.Id);
        Assert.Equal("specialist", skill.Role);
        Assert.Equal("anthropic/claude-sonnet-4.5", skill.Model);
        Assert.Equal(0.05m, skill.CostBudgetPerExecutionUsd);
        Assert.Equal(TimeSpan.FromSeconds(30), skill.Timeout);
        Assert.Equal("Resume Screening & Candidate Evaluation", skill.Description);
        Assert.StartsWith("# Resume Screening", skill.Body, StringComparison.Ordinal);
        Assert.Equal(12, skill.Version.Length);
        Assert.DoesNotContain(issues, i => i.IsError);
    }

    [Fact]
    public void Parse_NoFrontmatter_IsAnError()
    {
        var issues = new List<SkillIssue>();
        Assert.Null(SkillLoader.Parse("# Just a heading", Path, issues));
        Assert.Contains(issues, i => i.IsError && i.Message.Contains("frontmatter", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BadValues_ReportEachWithItsLine()
    {
        var text = "---\nname: resume-screen\nrole: boss\ntimeout: soon\ncost_budget_per_execution: lots\n---\nbody text that is long enough to avoid the short prompt warning here.";
        var issues = new List<SkillIssue>();

        Assert.Null(SkillLoader.Parse(text, Path, issues));
        Assert.Contains(issues, i => i.IsError && i.Message.Contains("'role'", StringComparison.Ordinal) && i.Line == 3);
        Assert.Contains(issues, i => i.IsError && i.Message.Contains("'timeout'", StringComparison.Ordinal) && i.Line == 4);
        Assert.Contains(issues, i => i.IsError && i.Message.Contains("'cost_budget_per_execution'", StringComparison.Ordinal) && i.Line == 5);
    }

    [Fact]
    public void Parse_NameNotMatchingFolder_IsAnError()
    {
        var issues = new List<SkillIssue>();
        Assert.Null(SkillLoader.Parse("---\nname: other\n---\nA body that is long enough to be a real prompt for a model.", Path, issues));
        Assert.Contains(issues, i => i.IsError && i.Message.Contains("folder name", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownFieldAndShortBody_AreWarnings()
    {
        var issues = new List<SkillIssue>();
        var skill = SkillLoader.Parse("---\nname: resume-screen\nflavour: mint\n---\nShort.", Path, issues);

        Assert.NotNull(skill);
        Assert.Contains(issues, i => !i.IsError && i.Message.Contains("flavour", StringComparison.Ordinal) && i.Line == 3);
        Assert.Contains(issues, i => !i.IsError && i.Message.Contains("very short", StringComparison.Ordinal));
    }

    [Fact]
    public void Catalog_RepositorySkills_LoadWithoutErrors()
    {
        var catalog = SkillCatalog.Load(System.IO.Path.Combine(TestPaths.RepositoryRoot, "skills"));

        Assert.DoesNotContain(catalog.Issues, i => i.IsError);
        Assert.Contains("engineering/planner", catalog.Ids);
        Assert.NotNull(catalog.WorkspaceLayer);
        Assert.NotNull(catalog.DomainLayer("engineering"));
    }
}
