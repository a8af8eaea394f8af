using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Tests.Skills;

public sealed class SkillLoaderWarningTests
{
    private const string Path = "/skills/hr/resume-screen/SKILL.md";

    [Fact]
    public void Parse_UnknownFieldAndShortBody_AreWarnings()
    {
        var issues = new List<SkillIssue>();
        var skill = SkillLoader.Parse("---\nname: resume-screen\nflavour: mint\n---\nShort.", Path, issues);

        Assert.NotNull(skill);
        Assert.Contains(issues, i => !i.IsError && i.Code == SkillIssueCodes.UnknownField && i.Message.Contains("flavour", StringComparison.Ordinal) && i.Line == 3);
        Assert.Contains(issues, i => !i.IsError && i.Code == SkillIssueCodes.ShortPrompt && i.Line == 5);
    }

    [Fact]
    public void Parse_MisspeltField_SuggestsTheKnownOne()
    {
        var issues = new List<SkillIssue>();
        SkillLoaderTests.ParseValid(SkillText.Skill("temprature: 0\n"), issues);

        Assert.Contains(issues, i => i.Code == SkillIssueCodes.UnknownField && i.Message.Contains("did you mean 'temperature'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MissingSections_AreWarnings()
    {
        var issues = new List<SkillIssue>();
        var skill = SkillLoader.Parse("---\nname: resume-screen\n---\nYou screen resumes. Be thorough, fair and specific in every judgement.", Path, issues);

        Assert.NotNull(skill);
        Assert.Equal(2, issues.Count(i => !i.IsError && i.Code == SkillIssueCodes.MissingSection && i.Line == 4));
    }

    [Fact]
    public void Parse_JsonOutputWithoutSchema_IsAWarningOnTheOutputLine()
    {
        var issues = new List<SkillIssue>();
        SkillLoaderTests.ParseValid(SkillText.Skill("output: json\n"), issues);

        var warning = Assert.Single(issues);
        Assert.Equal(SkillIssueCodes.JsonWithoutSchema, warning.Code);
        Assert.Equal(4, warning.Line);
    }

    [Fact]
    public void Parse_OutputSchemaWithTextOutput_IsAWarning()
    {
        var issues = new List<SkillIssue>();
        SkillLoaderTests.ParseValid(SkillText.Skill("output_schema: { type: object }\n"), issues);

        Assert.Equal(SkillIssueCodes.OutputSchemaUnused, Assert.Single(issues).Code);
    }

    [Fact]
    public void Parse_RoutesOnASpecialist_IsAWarning()
    {
        var issues = new List<SkillIssue>();
        SkillLoaderTests.ParseValid(SkillText.Skill("routes_to:\n  - { domain: hr, when: x }\n"), issues);

        Assert.Equal(SkillIssueCodes.RouteNotUsable, Assert.Single(issues).Code);
    }
}
