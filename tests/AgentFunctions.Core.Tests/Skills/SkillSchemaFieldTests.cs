using System.Text.Json.Nodes;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Tests.Skills;

public sealed class SkillSchemaFieldTests
{
    [Fact]
    public void Parse_InlineSchema_ConvertsYamlScalarsToJsonTypes()
    {
        var skill = SkillLoaderTests.ParseValid(SkillText.Skill("""
            output: json
            output_schema:
              type: object
              required: [fit_score, recommendation]
              properties:
                fit_score: { type: integer, minimum: 0, maximum: 100 }
                recommendation: { enum: [proceed, reject, discuss] }
                "true": { const: true }

            """));

        var schema = skill.OutputSchema!;
        Assert.Empty(schema.Validate(JsonNode.Parse("""{"fit_score":78,"recommendation":"discuss","true":true}""")));
        Assert.Equal(
            ["/fit_score", "/recommendation"],
            schema.Validate(JsonNode.Parse("""{"fit_score":101,"recommendation":"maybe"}""")).Select(e => e.Path));
    }

    [Fact]
    public void Parse_InvalidInlineSchema_IsAnErrorOnTheKeywordLine()
    {
        var issues = new List<SkillIssue>();

        Assert.Null(SkillLoader.Parse(SkillText.Skill("""
            input_schema:
              type: object
              properties:
                resume_text:
                  type: text

            """), "/skills/hr/resume-screen/SKILL.md", issues));

        var error = Assert.Single(issues);
        Assert.Equal(SkillIssueCodes.InvalidSchema, error.Code);
        Assert.Equal(8, error.Line);
        Assert.Contains("input_schema at /properties/resume_text/type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownSchemaFormat_IsAWarningOnItsLine()
    {
        var issues = new List<SkillIssue>();
        var skill = SkillLoaderTests.ParseValid(SkillText.Skill("""
            input_schema:
              type: object
              properties:
                email: { type: string, format: e-mail }

            """), issues);

        var warning = Assert.Single(issues);
        Assert.Equal(SkillIssueCodes.UnsupportedSchemaKeyword, warning.Code);
        Assert.Equal(7, warning.Line);
        Assert.Contains("/properties/email/format", warning.Message, StringComparison.Ordinal);
        Assert.NotNull(skill.InputSchema);
    }

    [Theory]
    [InlineData("schemas/output.json", """{"type":"object","required":["route"]}""")]
    [InlineData("schemas/output.yaml", "type: object\nrequired: [route]\n")]
    public void Parse_SchemaFile_IsReadRelativeToTheSkillFolder(string relative, string content)
    {
        using var folder = new SkillsFolder();
        folder.Write($"hr/resume-screen/{relative}", content);
        var text = SkillText.Skill($"output: json\noutput_schema: {relative}\n");
        var issues = new List<SkillIssue>();

        var skill = SkillLoader.Parse(text, folder.Write("hr/resume-screen/SKILL.md", text), issues);

        Assert.Empty(issues);
        Assert.Single(skill!.OutputSchema!.Validate(new JsonObject()));
    }

    [Fact]
    public void Parse_SchemaFileContent_IsPartOfTheVersion()
    {
        using var folder = new SkillsFolder();
        var text = SkillText.Skill("output: json\noutput_schema: out.json\n");
        var path = folder.Write("hr/resume-screen/SKILL.md", text);
        folder.Write("hr/resume-screen/out.json", """{"type":"object"}""");
        var before = SkillLoader.Parse(text, path, [])!.Version;

        folder.Write("hr/resume-screen/out.json", """{"type":"array"}""");

        Assert.NotEqual(before, SkillLoader.Parse(text, path, [])!.Version);
    }

    [Theory]
    [InlineData("../../outside.json", "inside the skill folder")]
    [InlineData("/etc/passwd", "inside the skill folder")]
    [InlineData("missing.json", "does not exist")]
    [InlineData("schema.txt", "must end in .json")]
    public void Parse_BadSchemaFileReference_IsAnError(string relative, string expected)
    {
        using var folder = new SkillsFolder();
        folder.Write("outside.json", "{}");
        folder.Write("hr/resume-screen/schema.txt", "{}");
        var text = SkillText.Skill($"input_schema: {relative}\n");
        var issues = new List<SkillIssue>();

        Assert.Null(SkillLoader.Parse(text, folder.Write("hr/resume-screen/SKILL.md", text), issues));
        var error = Assert.Single(issues);
        Assert.Equal(SkillIssueCodes.InvalidSchema, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Parse_SchemaFileNotJson_IsAnErrorInThatFileWithItsLine()
    {
        using var folder = new SkillsFolder();
        var schemaPath = folder.Write("hr/resume-screen/in.json", "{\n  \"type\": \"object\",\n  oops\n}");
        var text = SkillText.Skill("input_schema: in.json\n");
        var issues = new List<SkillIssue>();

        Assert.Null(SkillLoader.Parse(text, folder.Write("hr/resume-screen/SKILL.md", text), issues));
        var error = Assert.Single(issues);
        Assert.Equal(schemaPath, error.Path);
        Assert.Equal(3, error.Line);
    }
}
