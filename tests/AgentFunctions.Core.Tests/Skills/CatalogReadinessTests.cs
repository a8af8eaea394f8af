using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tests.Graphs;

namespace AgentFunctions.Core.Tests.Skills;

/// <summary>An app that loaded nothing says why instead of reporting healthy.</summary>
public sealed class CatalogReadinessTests : IDisposable
{
    private const string Graph = "name: ok\nnodes:\n  a: { tool: tests.run, with: { repo: r } }\n";
    private readonly SkillsFolder _skills = new();

    public void Dispose() => _skills.Dispose();

    [Fact]
    public void Evaluate_SkillsAndGraphsLoaded_IsReady()
    {
        _skills.WriteSkill("hr", "resume-screen");

        var readiness = CatalogReadiness.Evaluate(SkillCatalog.Load(_skills.Root), Graphs(("ok.yaml", Graph)), "/app/graphs");

        Assert.True(readiness.IsReady, string.Join(" ", readiness.Reasons));
        Assert.Equal((1, 1), (readiness.SkillCount, readiness.GraphCount));
        Assert.Empty(readiness.Reasons);
        Assert.Empty(readiness.Warnings);
    }

    [Fact]
    public void Evaluate_NothingLoaded_IsNotReadyAndSaysWhereItLookedAndWhatToSet()
    {
        var missing = Path.Combine(_skills.Root, "nowhere", "skills");

        var readiness = CatalogReadiness.Evaluate(SkillCatalog.Load(missing), Graphs(), "/app/src/Functions/graphs");

        Assert.False(readiness.IsReady);
        Assert.Equal(
            [
                $"0 skills loaded from {missing} (the folder does not exist) — set AgentFunctions__ContentRoot to the folder that holds skills/ and graphs/.",
                "0 graphs loaded from /app/src/Functions/graphs (the folder does not exist) — set AgentFunctions__ContentRoot to the folder that holds skills/ and graphs/.",
            ],
            readiness.Reasons);
    }

    [Fact]
    public void Evaluate_OnlyInvalidGraphFiles_IsNotReadyAndListsThem()
    {
        _skills.WriteSkill("hr", "resume-screen");

        var readiness = CatalogReadiness.Evaluate(SkillCatalog.Load(_skills.Root), Graphs(("broken.yaml", "name: broken\n")), _skills.Root);

        Assert.False(readiness.IsReady);
        Assert.StartsWith($"0 graphs loaded from {_skills.Root} —", Assert.Single(readiness.Reasons), StringComparison.Ordinal);
        Assert.Contains("broken.yaml", Assert.Single(readiness.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SomeBrokenFilesBesideValidOnes_IsReadyWithWarnings()
    {
        _skills.WriteSkill("hr", "resume-screen");
        _skills.Write("hr/broken/SKILL.md", "no frontmatter");

        var readiness = CatalogReadiness.Evaluate(SkillCatalog.Load(_skills.Root), Graphs(("ok.yaml", Graph), ("bad.yaml", "name: [")), "/app/graphs");

        Assert.True(readiness.IsReady);
        Assert.Equal(2, readiness.Warnings.Count);
        Assert.Contains("hr/broken/SKILL.md", readiness.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("bad.yaml", readiness.Warnings[1], StringComparison.Ordinal);
    }

    private static GraphCatalog Graphs(params (string File, string Text)[] files) => GraphCatalog.Create(files, GraphTestData.Context());
}
