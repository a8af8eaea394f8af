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
        Assert.Equal("resume-screen", skill.Name);
        Assert.Equal("hr", skill.Domain);
        Assert.Equal("specialist", skill.Role);
        Assert.Equal("manual", skill.Trigger);
        Assert.Equal("anthropic/claude-sonnet-4.5", skill.Model);
        Assert.Null(skill.Tier);
        Assert.Equal(0.05m, skill.CostBudgetPerExecutionUsd);
        Assert.Equal(TimeSpan.FromSeconds(30), skill.Timeout);
        Assert.Equal("Resume Screening & Candidate Evaluation", skill.Description);
        Assert.StartsWith("# Resume Screening", skill.Body, StringComparison.Ordinal);
        Assert.Equal(12, skill.Version.Length);
        Assert.Empty(skill.RoutesTo);
        Assert.DoesNotContain(issues, i => i.IsError);
    }

    [Fact]
    public void Parse_OurFields_ReadsEveryField()
    {
        var skill = ParseValid(SkillText.Skill("""
            description: Screens resumes
            max_output_tokens: 700
            temperature: 0.2
            output: json
            tier: silver
            tools: [tests.run, security.scan]
            output_schema: { type: object }
            input_schema: { type: object, required: [resume_text] }

            """));

        Assert.Equal("Screens resumes", skill.Description);
        Assert.Equal(700, skill.MaxOutputTokens);
        Assert.Equal(0.2, skill.Temperature);
        Assert.Equal("json", skill.OutputFormat);
        Assert.Equal(SkillTier.Silver, skill.Tier);
        Assert.Equal(SkillDefinition.DefaultModel, skill.Model);
        Assert.Equal(["tests.run", "security.scan"], skill.Tools);
        Assert.NotNull(skill.OutputSchema);
        Assert.Single(skill.InputSchema!.Validate(new System.Text.Json.Nodes.JsonObject()));
    }

    [Fact]
    public void Parse_NoOptionalFields_UsesDefaults()
    {
        var skill = ParseValid(SkillText.Skill(string.Empty));

        Assert.Equal("specialist", skill.Role);
        Assert.Equal("manual", skill.Trigger);
        Assert.Equal(SkillDefinition.DefaultModel, skill.Model);
        Assert.Equal(1024, skill.MaxOutputTokens);
        Assert.Null(skill.Temperature);
        Assert.Equal("text", skill.OutputFormat);
        Assert.Null(skill.CostBudgetPerExecutionUsd);
        Assert.Null(skill.Timeout);
        Assert.Empty(skill.Tools);
        Assert.Null(skill.InputSchema);
        Assert.Null(skill.OutputSchema);
    }

    [Fact]
    public void Parse_RoutesTo_ReadsTypedEntriesWithKeywordsAndLines()
    {
        var skill = ParseValid(SkillText.Skill("""
            role: manager
            routes_to:
              - domain: hr
                skill: resume-screen
                when: "resume, candidate , , Resume, job description"
              - domain: engineering
                when: bug

            """));

        Assert.Collection(
            skill.RoutesTo,
            r =>
            {
                Assert.Equal("hr/resume-screen", r.Target);
                Assert.Equal(["resume", "candidate", "job description"], r.Keywords);
                Assert.Equal(6, r.Line);
            },
            r =>
            {
                Assert.Equal("engineering", r.Target);
                Assert.Null(r.Skill);
                Assert.Equal(9, r.Line);
            });
    }

    [Fact]
    public void Parse_Version_ChangesWithTheText()
    {
        var a = ParseValid(SkillText.Skill(string.Empty));
        var b = ParseValid(SkillText.Skill("temperature: 0\n"));

        Assert.NotEqual(a.Version, b.Version);
        Assert.Equal(a.Version, ParseValid(SkillText.Skill(string.Empty)).Version);
    }

    [Fact]
    public void Parse_NoFrontmatter_IsAnError()
    {
        var issues = new List<SkillIssue>();
        Assert.Null(SkillLoader.Parse("# Just a heading", Path, issues));
        Assert.Contains(issues, i => i.IsError && i.Code == SkillIssueCodes.FrontmatterSyntax && i.Line == 1);
    }

    [Fact]
    public void Parse_UnparsableFrontmatter_IsAnErrorWithItsLine()
    {
        var issues = new List<SkillIssue>();
        Assert.Null(SkillLoader.Parse("---\nname: resume-screen\nrole: [manager\n---\nbody", Path, issues));
        var issue = Assert.Single(issues);
        Assert.Equal(SkillIssueCodes.FrontmatterSyntax, issue.Code);
        Assert.True(issue.Line >= 3, $"line {issue.Line}");
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

    [Theory]
    [InlineData("model: gpt-4o\n", "'model'")]
    [InlineData("tier: platinum\n", "'tier'")]
    [InlineData("model: openai/gpt-4o\ntier: gold\n", "not both")]
    [InlineData("output: xml\n", "'output'")]
    [InlineData("max_output_tokens: 0\n", "'max_output_tokens'")]
    [InlineData("temperature: 3\n", "'temperature'")]
    [InlineData("tools: tests.run\n", "'tools'")]
    [InlineData("tools: [a, a]\n", "twice")]
    [InlineData("routes_to: hr\n", "'routes_to'")]
    [InlineData("routes_to:\n  - skill: x\n    when: y\n", "needs a domain")]
    [InlineData("routes_to:\n  - { domain: hr, when: a }\n  - { domain: hr, when: b }\n", "already a route")]
    [InlineData("output_schema: [1]\n", "'output_schema'")]
    [InlineData("trigger: [a]\n", "'trigger'")]
    public void Parse_InvalidValue_IsAnErrorOnItsLine(string frontmatter, string expected)
    {
        var issues = new List<SkillIssue>();

        Assert.Null(SkillLoader.Parse(SkillText.Skill(frontmatter), Path, issues));
        var error = Assert.Single(issues, i => i.IsError);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Line ?? 0, 4, 6);
    }

    [Fact]
    public void Parse_NameNotMatchingFolder_IsAnError()
    {
        var issues = new List<SkillIssue>();
        Assert.Null(SkillLoader.Parse("---\nname: other\n---\nA body that is long enough to be a real prompt for a model.", Path, issues));
        Assert.Contains(issues, i => i.IsError && i.Code == SkillIssueCodes.NameMismatch && i.Line == 2 && i.Message.Contains("folder name", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DomainNotMatchingFolder_IsAnError()
    {
        var issues = new List<SkillIssue>();
        Assert.Null(SkillLoader.Parse("---\nname: resume-screen\ndomain: finance\n---\n" + SkillText.Body, Path, issues));
        Assert.Contains(issues, i => i.IsError && i.Code == SkillIssueCodes.NameMismatch && i.Line == 3);
    }

    internal static SkillDefinition ParseValid(string text, List<SkillIssue>? issues = null)
    {
        issues ??= [];
        var skill = SkillLoader.Parse(text, Path, issues);
        Assert.DoesNotContain(issues, i => i.IsError);
        return skill!;
    }
}
