using System.Text.Json.Nodes;
using AgentFunctions.Core.Skills.Schemas;

namespace AgentFunctions.Core.Tests.Skills;

public sealed class JsonSchemaTests
{
    [Theory]
    [InlineData("""{"type":"string"}""", "\"a\"")]
    [InlineData("""{"type":"integer"}""", "3")]
    [InlineData("""{"type":"integer"}""", "3.0")]
    [InlineData("""{"type":"number"}""", "3.5")]
    [InlineData("""{"type":"boolean"}""", "false")]
    [InlineData("""{"type":"null"}""", "null")]
    [InlineData("""{"type":"array"}""", "[]")]
    [InlineData("""{"type":"object"}""", "{}")]
    [InlineData("""{"type":["string","null"]}""", "null")]
    [InlineData("""{"enum":["proceed","reject",1]}""", "1.0")]
    [InlineData("""{"const":{"a":[1,"x"]}}""", """{"a":[1,"x"]}""")]
    [InlineData("""{"minimum":0,"maximum":100}""", "100")]
    [InlineData("""{"minLength":2,"maxLength":3}""", "\"héé\"")]
    [InlineData("""{"minItems":1,"maxItems":2}""", "[1,2]")]
    [InlineData("""{"pattern":"^[a-z]+/[a-z-]+$"}""", "\"hr/resume-screen\"")]
    [InlineData("""{"minimum":0}""", "\"not a number, so minimum does not apply\"")]
    [InlineData("true", """{"anything":1}""")]
    public void Validate_ValueThatSatisfiesKeyword_HasNoErrors(string schema, string value)
    {
        Assert.Empty(Schema(schema).Validate(JsonNode.Parse(value)));
    }

    [Theory]
    [InlineData("""{"type":"string"}""", "1", "", "Expected string but found an integer")]
    [InlineData("""{"type":"integer"}""", "3.5", "", "Expected integer but found a number")]
    [InlineData("""{"type":["string","null"]}""", "true", "", "Expected string or null")]
    [InlineData("""{"enum":["proceed","reject"]}""", "\"maybe\"", "", "not one of the allowed values")]
    [InlineData("""{"const":"x"}""", "\"y\"", "", "must be \"x\"")]
    [InlineData("""{"minimum":0}""", "-1", "", "below the minimum 0")]
    [InlineData("""{"maximum":100}""", "101", "", "above the maximum 100")]
    [InlineData("""{"minLength":2}""", "\"a\"", "", "at least 2")]
    [InlineData("""{"maxLength":2}""", "\"abc\"", "", "at most 2")]
    [InlineData("""{"minItems":1}""", "[]", "", "at least 1")]
    [InlineData("""{"maxItems":1}""", "[1,2]", "", "at most 1")]
    [InlineData("""{"pattern":"^[0-9]+$"}""", "\"12a\"", "", "does not match the pattern")]
    [InlineData("false", "1", "", "No value is allowed")]
    [InlineData("""{"required":["fit_score"]}""", "{}", "", "'fit_score' is missing")]
    [InlineData("""{"properties":{"fit_score":{"type":"integer"}}}""", """{"fit_score":"high"}""", "/fit_score", "Expected integer")]
    [InlineData("""{"additionalProperties":false,"properties":{"a":{}}}""", """{"a":1,"b/c":2}""", "/b~1c", "'b/c' is not allowed")]
    [InlineData("""{"items":{"type":"string"}}""", """["a",2]""", "/1", "Expected string")]
    public void Validate_ValueThatBreaksKeyword_ReportsPathAndMessage(string schema, string value, string path, string message)
    {
        var error = Assert.Single(Schema(schema).Validate(JsonNode.Parse(value)));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NestedObject_ReportsEveryErrorWithItsPointer()
    {
        var schema = Schema("""
            {"type":"object","required":["required_match"],"properties":{
              "required_match":{"type":"object","required":["met","missing"],"properties":{
                "met":{"type":"array","items":{"type":"string","minLength":1}}}}}}
            """);

        var errors = schema.Validate(JsonNode.Parse("""{"required_match":{"met":["ok",""]}}"""));

        Assert.Equal(["/required_match", "/required_match/met/1"], errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("""{"type":"text"}""", "/type")]
    [InlineData("""{"type":[]}""", "/type")]
    [InlineData("""{"properties":[]}""", "/properties")]
    [InlineData("""{"properties":{"a":{"type":"strin"}}}""", "/properties/a/type")]
    [InlineData("""{"required":"a"}""", "/required")]
    [InlineData("""{"required":["a","a"]}""", "/required")]
    [InlineData("""{"additionalProperties":"no"}""", "/additionalProperties")]
    [InlineData("""{"items":3}""", "/items")]
    [InlineData("""{"enum":[]}""", "/enum")]
    [InlineData("""{"minimum":"0"}""", "/minimum")]
    [InlineData("""{"maxLength":-1}""", "/maxLength")]
    [InlineData("""{"minItems":1.5}""", "/minItems")]
    [InlineData("""{"pattern":"(unclosed"}""", "/pattern")]
    [InlineData("\"string\"", "")]
    public void Parse_InvalidKeywordValue_IsAnErrorAtItsPointer(string schema, string path)
    {
        var result = JsonSchema.Parse(JsonNode.Parse(schema));

        Assert.Null(result.Schema);
        Assert.Equal(path, Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Parse_UnsupportedKeywords_AreWarningsAndTheSchemaIsStillUsable()
    {
        var result = JsonSchema.Parse(JsonNode.Parse("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"t","description":"d",
             "properties":{"when":{"type":"string","format":"date-time"},"tags":{"items":[{"type":"string"}]}},
             "additionalProperties":{"type":"string"},"oneOf":[]}
            """));

        Assert.NotNull(result.Schema);
        Assert.Empty(result.Errors);
        Assert.Equal(
            ["/properties/when/format", "/properties/tags/items", "/additionalProperties", "/oneOf"],
            result.Warnings.Select(w => w.Path));
    }

    [Fact]
    public void Parse_Schema_KeepsACopyOfTheJson()
    {
        var node = JsonNode.Parse("""{"type":"object"}""");
        var schema = Schema(node!.ToJsonString());

        Assert.Equal(node.ToJsonString(), schema.Node!.ToJsonString());
        Assert.Equal(14, JsonSchema.SupportedKeywords.Count);
    }

    private static JsonSchema Schema(string json)
    {
        var result = JsonSchema.Parse(JsonNode.Parse(json));
        Assert.Empty(result.Errors);
        return result.Schema!;
    }
}
