using System.Text.Json.Nodes;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Tests.Context;

public sealed class PromptAssemblerTests
{
    private static readonly SkillCatalog s_catalog = SkillCatalog.Load(Path.Combine(TestPaths.RepositoryRoot, "skills"));

    [Fact]
    public void Assemble_JoinsWorkspaceDomainAndSkillLayersInOrder()
    {
        var skill = s_catalog.Find("engineering/planner")!;
        var prompt = PromptAssembler.Assemble(skill, s_catalog, new JsonObject { ["issue"] = "x" }, [], []);

        var workspace = prompt.SystemPrompt.IndexOf("# Workspace", StringComparison.Ordinal);
        var domain = prompt.SystemPrompt.IndexOf("# Engineering Domain Agent", StringComparison.Ordinal);
        var body = prompt.SystemPrompt.IndexOf("# Plan a bug fix", StringComparison.Ordinal);
        Assert.True(workspace >= 0 && workspace < domain && domain < body);
        Assert.Contains("\n\n---\n\n", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.Equal(["workspace", "domain", "skill", "input"], prompt.Manifest.Sections.Select(s => s.Name));
    }

    [Fact]
    public void Assemble_DomainMdWithFrontmatter_PutsOnlyItsMarkdownInTheSystemPrompt()
    {
        var skill = s_catalog.Find("hr/resume-screen")!;
        var prompt = PromptAssembler.Assemble(skill, s_catalog, new JsonObject { ["resume_text"] = "x" }, [], []);

        Assert.Contains("# HR Domain Agent", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.DoesNotContain("daily_usd", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.DoesNotContain("owner:", prompt.SystemPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Assemble_InputKey_DependsOnInputNotOnPromptLayers()
    {
        var skill = s_catalog.Find("engineering/planner")!;
        var input = new JsonObject { ["issue"] = "x" };
        var a = PromptAssembler.Assemble(skill, s_catalog, input, [], []);
        var edited = PromptAssembler.Assemble(skill with { Body = skill.Body + "\nMore instructions." }, s_catalog, input, [], []);
        var otherInput = PromptAssembler.Assemble(skill, s_catalog, new JsonObject { ["issue"] = "y" }, [], []);

        Assert.Equal(a.InputKey, edited.InputKey);
        Assert.NotEqual(a.InputKey, otherInput.InputKey);
    }

    [Fact]
    public void Assemble_OverBudget_DropsFilesAndRecordsThem()
    {
        var skill = s_catalog.Find("engineering/planner")!;
        var files = new List<(string, string, int)> { ("big.py", new string('y', 40_000), 0) };
        var prompt = PromptAssembler.Assemble(skill, s_catalog, [], [new("planner", new JsonObject { ["a"] = 1 })], files, budgetTokens: 3000);

        Assert.Equal("file:big.py", prompt.Manifest.Drops.Single().Name);
        Assert.DoesNotContain("big.py", prompt.UserMessage, StringComparison.Ordinal);
        Assert.Contains("Output of upstream node `planner`", prompt.UserMessage, StringComparison.Ordinal);
    }
}
