using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration.Execution;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Skills.Routing;

namespace AgentFunctions.Core.Tests.Skills;

/// <summary>The repository's own skills folder (skills/), as the app loads it.</summary>
public sealed class RepositorySkillsTests
{
    private static readonly string s_skillsRoot = Path.Combine(TestPaths.RepositoryRoot, "skills");
    private static readonly SkillCatalog s_catalog = SkillCatalog.Load(s_skillsRoot);

    [Fact]
    public void Load_RepositorySkills_HaveNoErrorsOrWarnings()
    {
        Assert.Empty(s_catalog.Issues.Select(i => i.ToString()));
        Assert.Equal(
            ["engineering/frontend-fixer", "engineering/planner", "engineering/python-fixer", "engineering/test-writer", "hr/resume-screen", "platform/classifier"],
            s_catalog.All.Select(s => s.Id));
        Assert.NotNull(s_catalog.WorkspaceLayer);
        Assert.NotNull(s_catalog.DomainLayer("engineering"));
    }

    [Fact]
    public void Load_ResumeScreen_IsTheSeedsSkill()
    {
        var skill = s_catalog.Find("hr/resume-screen")!;

        Assert.Equal("specialist", skill.Role);
        Assert.Equal("manual", skill.Trigger);
        Assert.Equal("anthropic/claude-sonnet-4.5", skill.Model);
        Assert.Equal(0.05m, skill.CostBudgetPerExecutionUsd);
        Assert.Equal(TimeSpan.FromSeconds(30), skill.Timeout);
        Assert.Equal("Resume Screening & Candidate Evaluation", skill.Description);
        Assert.Contains("resume_text", skill.Sections.Context, StringComparison.Ordinal);
        Assert.Contains("\"fit_score\"", skill.Sections.OutputFormat, StringComparison.Ordinal);
        Assert.StartsWith("NEVER consider protected characteristics", skill.Sections.Guardrails[0], StringComparison.Ordinal);
        Assert.Contains(skill.Sections.Guardrails, g => g.StartsWith("If fit_score is 50-70, ALWAYS recommend \"discuss\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_HrDomain_HasItsBudgetAndOwner()
    {
        var hr = s_catalog.FindDomain("hr")!;

        Assert.Equal("hr-team", hr.Owner);
        Assert.Equal(2m, hr.DailyBudgetUsd);
        Assert.Equal(40m, hr.MonthlyBudgetUsd);
        Assert.StartsWith("# HR Domain Agent", s_catalog.DomainLayer("hr"), StringComparison.Ordinal);
        Assert.NotNull(s_catalog.FindDomain("platform"));
    }

    [Fact]
    public void Classifier_RoutesTheFixtureToHrByKeywords()
    {
        var classifier = s_catalog.Find("platform/classifier")!;
        var fixture = ReadFixture(classifier)!.AsObject();

        var decision = SkillRouter.ClassifyByKeywords(classifier.RoutesTo, fixture);

        Assert.Equal("manager", classifier.Role);
        Assert.Equal(["hr/resume-screen", "engineering/planner"], classifier.RoutesTo.Select(r => r.Target));
        Assert.Equal("hr/resume-screen", decision.Route);
        Assert.All(classifier.RoutesTo, r => Assert.NotNull(s_catalog.Find(r.Target)));
    }

    [Fact]
    public void Classifier_OutputSchema_AcceptsExactlyTheAllowedRoutes()
    {
        var schema = s_catalog.Find("platform/classifier")!.OutputSchema!;

        Assert.Empty(schema.Validate(JsonNode.Parse("""{"route":"engineering/planner","reason":"a failing test"}""")));
        Assert.NotEmpty(schema.Validate(JsonNode.Parse("""{"route":"hr","reason":"x"}""")));
    }

    [Theory]
    [InlineData("planner")]
    [InlineData("python-fixer")]
    [InlineData("test-writer")]
    [InlineData("frontend-fixer")]
    public void RecordedResponses_SatisfyTheEngineeringOutputSchemas(string skillName)
    {
        var skill = s_catalog.Find($"engineering/{skillName}")!;
        var recording = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "examples", "recordings", "engineering", $"{skillName}.json")))!;

        foreach (var response in recording["responses"]!.AsArray())
        {
            var output = ModelOutputParser.TryParseJsonObject(response!["response"]!.GetValue<string>(), out var error);
            Assert.True(output is not null, error);
            Assert.Empty(skill.OutputSchema!.Validate(output).Select(e => e.ToString()));
        }
    }

    [Fact]
    public void Fixtures_SatisfyTheInputSchemas()
    {
        foreach (var skill in s_catalog.All.Where(s => s.InputSchema is not null))
        {
            Assert.Empty(skill.InputSchema!.Validate(ReadFixture(skill)).Select(e => $"{skill.Id}: {e}"));
        }
    }

    private static JsonNode? ReadFixture(SkillDefinition skill) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(skill.Path)!, SkillValidator.FixturePath)));
}
