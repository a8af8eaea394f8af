using AgentFunctions.Core.Skills;
using AgentFunctions.Functions.Mcp;

namespace AgentFunctions.Functions.Tests;

/// <summary>The catalog → MCP tools mapping on a temporary skills folder (no app, no storage).</summary>
public sealed class SkillToolsTests : IDisposable
{
    private const string Body = "# Summarize an incident\n\n## Task\nSummarize the incident in three lines.\n\n## Output Format\nText.\n";
    private readonly string _root = Directory.CreateTempSubdirectory("agentfunctions-skilltools-").FullName;

    private void WriteSkill(string domain, string name, string frontmatter = "")
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, domain, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "SKILL.md"), $"---\nname: {name}\ndomain: {domain}\n{frontmatter}---\n{Body}");
    }

    [Fact]
    public void ToTool_NameOutsideMcpCharacters_AndSchemaWithoutType_AreMadeValid()
    {
        WriteSkill("ops", "summarize+v2", "input_schema:\n  required: [incident]\n  properties:\n    incident: { type: string }\n");
        WriteSkill("sales", "summarize");
        var tools = new SkillTools(SkillCatalog.Load(_root));

        var tool = Assert.Single(tools.List("ops"));

        Assert.Equal("summarize_v2", tool.Name);
        Assert.Equal("ops/summarize+v2", tool.Title);
        Assert.Equal("Summarize an incident\n\nSummarize the incident in three lines.", tool.Description);
        Assert.Equal("""{"type":"object","required":["incident"],"properties":{"incident":{"type":"string"}}}""", tool.InputSchema.GetRawText());
        Assert.Null(tool.OutputSchema); // a text skill has no structured output schema
        Assert.Equal("ops/summarize+v2", tools.Find("ops", "summarize_v2")?.Id);
        Assert.Null(tools.Find("sales", "summarize_v2"));
        Assert.Equal((true, false), (tools.HasDomain("sales"), tools.HasDomain("hr")));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not fail a test.
        }
    }
}
