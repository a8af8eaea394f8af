using AgentFunctions.Core.Context;

namespace AgentFunctions.Core.Tests.Context;

public sealed class ContextBudgeterTests
{
    private static ContextSection S(string name, ContextSectionKind kind, int chars, int priority = 0) =>
        new(name, kind, new string('x', chars), priority);

    [Fact]
    public void Fit_UnderBudget_KeepsEverythingAndDropsNothing()
    {
        var (kept, manifest) = ContextBudgeter.Fit([S("skill", ContextSectionKind.System, 400), S("file:a", ContextSectionKind.File, 400)], 1000);

        Assert.Equal(2, kept.Count);
        Assert.Empty(manifest.Drops);
        Assert.Equal(200, manifest.TotalTokens);
    }

    [Fact]
    public void Fit_OverBudget_DropsLowestPriorityThenLatestFirst()
    {
        var sections = new[]
        {
            S("skill", ContextSectionKind.System, 400),
            S("upstream:p", ContextSectionKind.Upstream, 400, priority: 1000),
            S("file:a", ContextSectionKind.File, 400, priority: 500),
            S("file:b", ContextSectionKind.File, 400, priority: 500),
        };

        var (kept, manifest) = ContextBudgeter.Fit(sections, 300);

        Assert.Equal(["skill", "upstream:p", "file:a"], kept.Select(s => s.Name));
        Assert.Equal("file:b", manifest.Drops.Single().Name);
        Assert.Equal(100, manifest.Drops.Single().TokenEstimate);
        Assert.Equal(300, manifest.TotalTokens);
    }

    [Fact]
    public void Fit_UndroppableOverBudget_Throws()
    {
        var ex = Assert.Throws<ContextBudgetExceededException>(() => ContextBudgeter.Fit([S("skill", ContextSectionKind.System, 4000)], 100));
        Assert.Equal(1000, ex.RequiredTokens);
    }

    [Fact]
    public void Estimate_IsCharactersOverFourRoundedUp()
    {
        Assert.Equal(0, TokenEstimator.Estimate(""));
        Assert.Equal(1, TokenEstimator.Estimate("abc"));
        Assert.Equal(2, TokenEstimator.Estimate("abcde"));
    }
}
