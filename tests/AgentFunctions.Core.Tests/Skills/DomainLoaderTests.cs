using AgentFunctions.Core.Safety;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Tests.Skills;

public sealed class DomainLoaderTests
{
    private const string Path = "/skills/hr/DOMAIN.md";

    [Fact]
    public void Parse_Frontmatter_ReadsEveryFieldAndKeepsTheRestAsPromptLayer()
    {
        var issues = new List<SkillIssue>();

        var domain = DomainLoader.Parse("""
            ---
            name: hr
            description: Human Resources operations
            owner: hr-team
            budget: { daily_usd: 5, monthly_usd: "$100" }
            ---
            # HR Domain Agent
            ## Identity
            You support hiring.
            """, Path, issues);

        Assert.Empty(issues);
        Assert.NotNull(domain);
        Assert.Equal("hr", domain.Name);
        Assert.Equal("Human Resources operations", domain.Description);
        Assert.Equal("hr-team", domain.Owner);
        Assert.Equal(5m, domain.DailyBudgetUsd);
        Assert.Equal(100m, domain.MonthlyBudgetUsd);
        Assert.Equal("# HR Domain Agent\n## Identity\nYou support hiring.", domain.PromptLayer);
        Assert.Equal(Path, domain.Path);
    }

    [Fact]
    public void Parse_NoFrontmatter_IsAllPromptLayerWithoutBudget()
    {
        var domain = DomainLoader.Parse("# HR Domain Agent\n\nBe fair.\n", Path, []);

        Assert.NotNull(domain);
        Assert.Equal("# HR Domain Agent\n\nBe fair.", domain.PromptLayer);
        Assert.Null(domain.DailyBudgetUsd);
        Assert.Null(domain.MonthlyBudgetUsd);
        Assert.Null(domain.Owner);
    }

    [Theory]
    [InlineData("budget: { daily_usd: lots }\n", "'budget.daily_usd'", 2)]
    [InlineData("budget:\n  monthly_usd: -3\n", "'budget.monthly_usd'", 3)]
    [InlineData("budget: 5\n", "'budget'", 2)]
    [InlineData("name: finance\n", "domain folder name", 2)]
    [InlineData("owner: [a, b]\n", "'owner'", 2)]
    public void Parse_InvalidValue_IsAnErrorWithItsLineAndNoDomain(string frontmatter, string expected, int line)
    {
        var issues = new List<SkillIssue>();

        Assert.Null(DomainLoader.Parse($"---\n{frontmatter}---\n# HR", Path, issues));
        var error = Assert.Single(issues);
        Assert.True(error.IsError);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Parse_UnknownFields_AreWarnings()
    {
        var issues = new List<SkillIssue>();

        var domain = DomainLoader.Parse("---\nteam: hr\nbudget: { weekly_usd: 3 }\n---\n# HR", Path, issues);

        Assert.NotNull(domain);
        Assert.Equal([2, 3], issues.Where(i => !i.IsError && i.Code == SkillIssueCodes.UnknownField).Select(i => i.Line));
        Assert.Contains(issues, i => i.Message.Contains("'budget.weekly_usd'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SecurityAndLimits_ReadsPoliciesAndDefaultsTheRest()
    {
        var issues = new List<SkillIssue>();

        var domain = DomainLoader.Parse(
            "---\nsecurity: { pii: block, pii_name_fields: [candidate_name], prompt_injection: approve }\nlimits: { max_concurrent_runs: 3 }\n---\n# HR", Path, issues);
        var plain = DomainLoader.Parse("---\nsecurity: { pii: off }\n---\n# HR", Path, issues);

        Assert.Empty(issues);
        Assert.Equal(new[] { "candidate_name" }, domain!.Security.PiiNameFields);
        Assert.Equal((PiiPolicy.Block, InjectionPolicy.Approve, 3), (domain.Security.Pii, domain.Security.PromptInjection, domain.MaxConcurrentRuns));
        Assert.Equal((PiiPolicy.Off, InjectionPolicy.Warn, (int?)null), (plain!.Security.Pii, plain.Security.PromptInjection, plain.MaxConcurrentRuns));
    }

    [Theory]
    [InlineData("security: { pii: mask }\n", "security.pii", 2)]
    [InlineData("security:\n  prompt_injection: ignore\n", "security.prompt_injection", 3)]
    [InlineData("limits: { max_concurrent_runs: 0 }\n", "limits.max_concurrent_runs", 2)]
    public void Parse_BadSecurityOrLimit_IsAnErrorNamingFieldAndLine(string frontmatter, string field, int line)
    {
        var issues = new List<SkillIssue>();

        Assert.Null(DomainLoader.Parse($"---\n{frontmatter}---\n# HR", Path, issues));

        var issue = Assert.Single(issues);
        Assert.Contains(field, issue.Message, StringComparison.Ordinal);
        Assert.Equal(line, issue.Line);
    }
}
