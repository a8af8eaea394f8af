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

    [Fact]
    public void Assemble_JsonInThePrompt_IsCompactWithQuotesAndNonAsciiAsTheyAre()
    {
        var skill = s_catalog.Find("engineering/planner")!;
        var upstream = new JsonObject { ["note"] = "say \"hi\" to <café> & co", ["n"] = 1 };

        var prompt = PromptAssembler.Assemble(skill, s_catalog, new JsonObject { ["issue"] = "it's \"broken\"" }, [new("planner", upstream)], []);

        Assert.Contains("{\"issue\":\"it's \\\"broken\\\"\"}", prompt.UserMessage, StringComparison.Ordinal);
        Assert.Contains("{\"note\":\"say \\\"hi\\\" to <café> & co\",\"n\":1}", prompt.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", prompt.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("\n  \"", prompt.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Assemble_InputKey_IsStillThatOfTheIndentedUserMessage()
    {
        // Recordings were keyed when prompts held indented, escaped JSON; the key keeps that form so they still replay.
        var skill = s_catalog.Find("engineering/planner")!;
        var input = new JsonObject { ["issue"] = "say \"hi\"" };
        var upstream = new JsonArray(new JsonObject { ["a"] = 1 }, new JsonObject { ["b"] = "<x>" });
        var indented = new System.Text.Json.JsonSerializerOptions { WriteIndented = true };
        var keyed = $"## Input\n\n```json\n{input.ToJsonString(indented)}\n```\n\n## Output of upstream node `fan`\n\n```json\n{upstream.ToJsonString(indented)}\n```";

        var prompt = PromptAssembler.Assemble(skill, s_catalog, input, [new("fan", upstream)], []);

        Assert.Equal(PromptAssembler.InputKey(skill.Id, keyed), prompt.InputKey);
        Assert.NotEqual(keyed, prompt.UserMessage);
    }

    [Fact]
    public void Assemble_ForEachFanInOf200Outputs_FitsTheDefaultBudgetAndListsTheTrims()
    {
        var skill = s_catalog.Find("engineering/planner")!;
        var outputs = new JsonArray([.. Enumerable.Range(0, 200).Select(i => (JsonNode?)Review(i))]);

        var prompt = PromptAssembler.Assemble(skill, s_catalog, new JsonObject { ["issue"] = "summarize" }, [new("review", outputs)], []);

        Assert.True(prompt.Manifest.TotalTokens <= PromptAssembler.DefaultBudgetTokens, $"{prompt.Manifest.TotalTokens} tokens");
        var trim = Assert.Single(prompt.Manifest.Trims);
        Assert.Equal(("upstream:review", 200), (trim.Name, trim.Items));
        Assert.NotEmpty(trim.Trimmed);
        Assert.Contains("\"item\":199", prompt.UserMessage, StringComparison.Ordinal);
        Assert.Empty(prompt.Manifest.Drops);
    }

    /// <summary>A small upstream output of about 70 tokens.</summary>
    internal static JsonObject Review(int i) => new()
    {
        ["item"] = i,
        ["verdict"] = i % 3 == 0 ? "needs \"work\"" : "ok",
        ["summary"] = $"Item {i} was reviewed: the change is small, the tests cover it, and the naming follows the house style; one comment about error messages naming the field.",
        ["score"] = i % 5,
    };
}
