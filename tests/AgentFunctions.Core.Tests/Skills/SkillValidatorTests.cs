using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Tests.Skills;

public sealed class SkillValidatorTests
{
    [Fact]
    public void Validate_CompleteSkill_HasNoIssues()
    {
        using var folder = new SkillsFolder();
        folder.WriteSkill("hr", "resume-screen");

        Assert.Empty(SkillValidator.Validate(folder.Root).Issues);
    }

    [Fact]
    public void Load_OneBrokenSkill_StillLoadsEveryValidSkill()
    {
        using var folder = new SkillsFolder();
        folder.WriteSkill("hr", "resume-screen");
        folder.WriteSkill("hr", "broken", "role: boss\n");
        folder.WriteSkill("engineering", "planner");

        var catalog = SkillCatalog.Load(folder.Root);

        Assert.Equal(["engineering/planner", "hr/resume-screen"], catalog.All.Select(s => s.Id));
        var error = Assert.Single(catalog.Issues, i => i.IsError);
        Assert.EndsWith(Path.Combine("hr", "broken", "SKILL.md"), error.Path, StringComparison.Ordinal);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Validate_NoFixture_IsAWarning()
    {
        using var folder = new SkillsFolder();
        var path = folder.WriteSkill("hr", "resume-screen", fixture: null);

        var warning = Assert.Single(SkillValidator.Validate(folder.Root).Warnings);
        Assert.Equal(SkillIssueCodes.NoFixture, warning.Code);
        Assert.Equal(path, warning.Path);
    }

    [Fact]
    public void Validate_FixtureNotMatchingInputSchema_IsAWarningPerViolation()
    {
        using var folder = new SkillsFolder();
        folder.WriteSkill("hr", "resume-screen",
            "input_schema: { type: object, required: [resume_text], properties: { department: { type: string } } }\n",
            fixture: """{ "department": 7 }""");

        var report = SkillValidator.Validate(folder.Root);

        Assert.True(report.IsValid);
        Assert.Equal(2, report.Warnings.Count);
        Assert.All(report.Warnings, w => Assert.Equal(SkillIssueCodes.FixtureMismatch, w.Code));
        Assert.All(report.Warnings, w => Assert.EndsWith("sample_input.json", w.Path, StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Message.Contains("'resume_text' is missing", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Message.Contains("/department", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FixtureNotJson_IsAWarningWithItsLine()
    {
        using var folder = new SkillsFolder();
        folder.WriteSkill("hr", "resume-screen", fixture: "{\n  \"a\": 1,\n  nope\n}");

        var warning = Assert.Single(SkillValidator.Validate(folder.Root).Warnings);
        Assert.Equal(SkillIssueCodes.FixtureMismatch, warning.Code);
        Assert.Equal(3, warning.Line);
    }

    [Theory]
    [InlineData("  - { domain: finance, when: money }\n", "there is no domain 'finance'")]
    [InlineData("  - { domain: hr, skill: resume-scren, when: resume }\n", "did you mean 'resume-screen'")]
    public void Validate_RouteToUnknownTarget_IsAnErrorOnTheRouteLineAndTheManagerIsNotLoaded(string route, string expected)
    {
        using var folder = new SkillsFolder();
        folder.WriteSkill("hr", "resume-screen");
        folder.WriteSkill("platform", "classifier", "role: manager\nroutes_to:\n  - { domain: hr, when: resume }\n" + route);

        var catalog = SkillCatalog.Load(folder.Root);

        var error = Assert.Single(catalog.Issues, i => i.IsError);
        Assert.Equal(SkillIssueCodes.UnknownRoute, error.Code);
        Assert.Equal(7, error.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Null(catalog.Find("platform/classifier"));
        Assert.NotNull(catalog.Find("hr/resume-screen"));
    }

    [Fact]
    public void Validate_RouteToABrokenSkill_StillResolves()
    {
        using var folder = new SkillsFolder();
        folder.WriteSkill("hr", "resume-screen", "timeout: soon\n");
        folder.Write("finance/DOMAIN.md", "# Finance");
        folder.WriteSkill("platform", "classifier", "role: manager\nroutes_to:\n  - { domain: hr, skill: resume-screen, when: resume }\n  - { domain: finance, when: money }\n");

        var catalog = SkillCatalog.Load(folder.Root);

        Assert.NotNull(catalog.Find("platform/classifier"));
        Assert.DoesNotContain(catalog.Issues, i => i.Code == SkillIssueCodes.UnknownRoute);
    }

    [Fact]
    public void Load_DomainMdWithErrors_LeavesItsSkillsOutAndSaysWhy()
    {
        using var folder = new SkillsFolder();
        var domainFile = folder.Write("hr/DOMAIN.md", "---\nbudget: { daily_usd: lots }\n---\n# HR");
        folder.WriteSkill("hr", "resume-screen");
        folder.WriteSkill("engineering", "planner");

        var catalog = SkillCatalog.Load(folder.Root);

        Assert.Equal(["engineering/planner"], catalog.All.Select(s => s.Id));
        Assert.Null(catalog.FindDomain("hr"));
        Assert.Contains(catalog.Issues, i => i.Code == SkillIssueCodes.InvalidValue && i.Path == domainFile && i.Line == 2);
        Assert.Contains(catalog.Issues, i => i.Code == SkillIssueCodes.DomainNotLoaded && i.Message.Contains("hr/resume-screen", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Domains_IncludeOnesWithoutDomainMdAndStripFrontmatterFromTheLayer()
    {
        using var folder = new SkillsFolder();
        folder.Write("hr/DOMAIN.md", "---\nowner: hr-team\nbudget: { daily_usd: 2 }\n---\n# HR Domain Agent\n");
        folder.WriteSkill("hr", "resume-screen");
        folder.WriteSkill("engineering", "planner");
        folder.Write("empty/.keep", string.Empty);

        var catalog = SkillCatalog.Load(folder.Root);

        Assert.Equal(["engineering", "hr"], catalog.Domains.Select(d => d.Name));
        Assert.Null(catalog.FindDomain("engineering")!.DailyBudgetUsd);
        Assert.Null(catalog.DomainLayer("engineering"));
        Assert.Equal(2m, catalog.FindDomain("hr")!.DailyBudgetUsd);
        Assert.Equal("hr-team", catalog.FindDomain("hr")!.Owner);
        Assert.Equal("# HR Domain Agent", catalog.DomainLayer("hr"));
    }

    [Fact]
    public void Validate_FolderWithoutSkillMd_IsAWarning()
    {
        using var folder = new SkillsFolder();
        folder.WriteSkill("hr", "resume-screen");
        folder.Write("hr/drafts/notes.txt", "later");

        var warning = Assert.Single(SkillValidator.Validate(folder.Root).Issues);
        Assert.Equal(SkillIssueCodes.NotASkill, warning.Code);
        Assert.False(warning.IsError);
    }

    [Fact]
    public void Validate_MissingFolder_IsAnError()
    {
        var report = SkillValidator.Validate(Path.Combine(Path.GetTempPath(), "agentfunctions-tests", "no-such-skills"));

        Assert.Equal(SkillIssueCodes.MissingFolder, Assert.Single(report.Errors).Code);
    }

    [Fact]
    public void ValidateSkill_ReportsOnlyThatSkillAndItsDomainFile()
    {
        using var folder = new SkillsFolder();
        folder.Write("hr/DOMAIN.md", "---\nflavour: mint\n---\n# HR");
        folder.WriteSkill("hr", "resume-screen", "output: json\n");
        folder.WriteSkill("hr", "other", fixture: null);

        var report = SkillValidator.ValidateSkill(folder.Root, "hr/resume-screen");

        Assert.True(report.IsValid);
        Assert.Equal([SkillIssueCodes.JsonWithoutSchema, SkillIssueCodes.UnknownField], report.Warnings.Select(w => w.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ValidateSkill_NoSkillMd_IsAnError()
    {
        using var folder = new SkillsFolder();

        var report = SkillValidator.ValidateSkill(folder.Root, "hr/nothing");

        Assert.Equal(SkillIssueCodes.MissingSkillFile, Assert.Single(report.Errors).Code);
    }

    [Theory]
    [InlineData("resume-screen")]
    [InlineData("hr/resume-screen/extra")]
    [InlineData("../x")]
    public void ValidateSkill_BadId_Throws(string id)
    {
        Assert.Throws<ArgumentException>(() => SkillValidator.ValidateSkill("/skills", id));
    }
}
